// The documents the fake document camera shows: drawn here as HTML (invented people and
// numbers, no copied images) and photographed by Chromium into camera frames
// (make-frames.ts). A page lies on the camera's grey desk, as under a real 高拍仪, so the
// checks see a page with its edges; `blurred`, `dark` and `empty` are the bad photos the
// checks must refuse.
import { CAMERA_SHOTS, type CameraShot } from '../control/protocol';

/** The frame the camera delivers (4:3, as document cameras do). */
export const FRAME = { width: 1280, height: 960 } as const;

export const SHOTS = CAMERA_SHOTS;
export type Shot = CameraShot;

const DESK = `html,body{margin:0;width:${FRAME.width}px;height:${FRAME.height}px;overflow:hidden}
body{background:#8d9096;display:flex;align-items:center;justify-content:center;
font-family:"Noto Sans CJK SC","Noto Serif CJK SC","WenQuanYi Zen Hei",sans-serif;color:#1b1b1b}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td{border:2px solid #7a3b2a;padding:6px 10px;font-size:20px;overflow-wrap:anywhere}
.label{color:#7a3b2a;white-space:nowrap}`;

const page = (css: string, body: string, filter = ''): string =>
  `<!doctype html><meta charset="utf-8"><style>${DESK}${css}
${filter ? `.shot{filter:${filter}}` : ''}</style><body><div class="shot">${body}</div></body>`;

const REGISTER = `<div class="sheet"><h1>常住人口登记卡</h1>
<table><colgroup><col style="width:20%"><col style="width:27%"><col style="width:22%"><col style="width:31%"></colgroup>
<tr><td class="label">姓名</td><td>林晓梅</td><td class="label">户主或与户主关系</td><td>之女</td></tr>
<tr><td class="label">曾用名</td><td>无</td><td class="label">性别</td><td>女</td></tr>
<tr><td class="label">出生地</td><td>上海市徐汇区</td><td class="label">民族</td><td>汉族</td></tr>
<tr><td class="label">籍贯</td><td>浙江省宁波市</td><td class="label">出生日期</td><td>1988 年 4 月 12 日</td></tr>
<tr><td class="label">本市（县）其他住址</td><td colspan="3">徐汇区漕溪北路 88 弄 6 号 1203 室</td></tr>
<tr><td class="label">宗教信仰</td><td>无</td><td class="label">公民身份号码</td><td>310104198804120000</td></tr>
<tr><td class="label">身高</td><td>162 厘米</td><td class="label">血型</td><td>O 型</td></tr>
<tr><td class="label">文化程度</td><td>大学本科</td><td class="label">婚姻状况</td><td>已婚</td></tr>
<tr><td class="label">服务处所</td><td colspan="3">上海某某科技有限公司</td></tr>
<tr><td class="label">职业</td><td>工程师</td><td class="label">兵役状况</td><td>未服兵役</td></tr>
<tr><td class="label">何时由何地迁来本市（县）</td><td colspan="3">2010 年 9 月由浙江省宁波市迁来</td></tr>
<tr><td class="label">何时由何地迁来本址</td><td colspan="3">2016 年 3 月由徐汇区天钥桥路迁来</td></tr>
</table>
<p class="foot">承办人签章：王&emsp;&emsp;&emsp;&emsp;登记日期：2016 年 3 月 21 日</p>
<div class="seal">上海市公安局徐汇分局<br>户口专用章</div></div>`;

const REGISTER_CSS = `.sheet{position:relative;width:840px;height:880px;background:#fbf6ec;padding:34px 40px;
box-sizing:border-box;box-shadow:0 6px 18px rgba(0,0,0,.45)}
h1{text-align:center;font-size:40px;letter-spacing:8px;margin:0 0 22px;color:#7a3b2a}
.foot{font-size:22px;margin-top:26px}
.seal{position:absolute;right:70px;bottom:60px;width:170px;height:170px;border:5px solid #c22;
border-radius:50%;color:#c22;font-size:19px;display:flex;align-items:center;justify-content:center;
text-align:center;transform:rotate(-12deg);opacity:.85}`;

const CARD_CSS = `.card{position:relative;width:1000px;height:630px;border-radius:36px;
background:linear-gradient(135deg,#e8f1f6,#f6efe1 60%,#e3eef0);box-shadow:0 8px 22px rgba(0,0,0,.5);
padding:48px 56px;box-sizing:border-box;font-size:30px}
.row{margin:0 0 22px}.k{color:#3a6b86;display:inline-block;width:110px}
.photo{position:absolute;right:70px;top:70px;width:260px;height:320px;background:#d9dde2;
border:2px solid #b8c2cc;display:flex;align-items:flex-end;justify-content:center}
.head{width:130px;height:150px;border-radius:50%;background:#6f7782;margin-bottom:150px;position:absolute;top:40px}
.shoulders{width:220px;height:120px;border-radius:110px 110px 0 0;background:#6f7782}
.number{position:absolute;left:56px;bottom:56px;font-size:38px;letter-spacing:4px}
.emblem{position:absolute;left:70px;top:60px;width:150px;height:150px;border-radius:50%;
border:8px solid #c22;color:#c22;font-size:26px;display:flex;align-items:center;justify-content:center}
.title{position:absolute;left:260px;top:70px;font-size:60px;letter-spacing:14px}
.sub{position:absolute;left:260px;top:170px;font-size:34px;letter-spacing:20px}
.valid{position:absolute;left:120px;bottom:150px}.issuer{position:absolute;left:120px;bottom:80px}`;

const ID_FRONT = `<div class="card">
<p class="row"><span class="k">姓名</span>林晓梅</p>
<p class="row"><span class="k">性别</span>女&emsp;&emsp;<span class="k">民族</span>汉</p>
<p class="row"><span class="k">出生</span>1988 年 4 月 12 日</p>
<p class="row"><span class="k">住址</span>上海市徐汇区漕溪北路<br><span class="k"></span>88 弄 6 号 1203 室</p>
<div class="photo"><div class="head"></div><div class="shoulders"></div></div>
<p class="number"><span class="k" style="width:260px">公民身份号码</span>310104198804120000</p></div>`;

const ID_BACK = `<div class="card">
<div class="emblem">国徽</div>
<div class="title">中华人民共和国</div>
<div class="sub">居民身份证</div>
<p class="issuer"><span class="k" style="width:170px">签发机关</span>上海市公安局徐汇分局</p>
<p class="valid"><span class="k" style="width:170px">有效期限</span>2016.03.21—2036.03.21</p></div>`;

const PROPERTY_CSS = `.cert{width:900px;height:860px;background:#fffdf6;border:14px double #2f6b3a;
box-shadow:0 6px 18px rgba(0,0,0,.45);padding:30px 44px;box-sizing:border-box}
h1{text-align:center;color:#2f6b3a;font-size:42px;letter-spacing:10px;margin:0 0 6px}
.no{text-align:center;font-size:24px;margin:0 0 18px}
td{border-color:#2f6b3a;font-size:23px}.label{color:#2f6b3a}`;

const PROPERTY = `<div class="cert"><h1>不动产权证书</h1>
<p class="no">沪（2016）徐字不动产权第 012345 号</p>
<table><colgroup><col style="width:24%"><col></colgroup>
<tr><td class="label">权利人</td><td>林晓梅</td></tr>
<tr><td class="label">共有情况</td><td>单独所有</td></tr>
<tr><td class="label">坐落</td><td>徐汇区漕溪北路 88 弄 6 号 1203 室</td></tr>
<tr><td class="label">不动产单元号</td><td>310104 012003 GB00021 F00061203</td></tr>
<tr><td class="label">权利类型</td><td>国有建设用地使用权／房屋所有权</td></tr>
<tr><td class="label">权利性质</td><td>出让／市场化商品房</td></tr>
<tr><td class="label">用途</td><td>城镇住宅用地／住宅</td></tr>
<tr><td class="label">面积</td><td>共有宗地面积 8 650.00 平方米／房屋建筑面积 89.36 平方米</td></tr>
<tr><td class="label">使用期限</td><td>2003 年 6 月 1 日起 2073 年 5 月 31 日止</td></tr>
<tr><td class="label">权利其他状况</td><td>房屋结构：钢筋混凝土<br>房屋总层数：18 层，所在层：12 层<br>竣工时间：2005 年</td></tr>
</table></div>`;

/** The HTML of a shot: a document on the desk, or one of the bad photos. */
export function shotHtml(shot: Shot): string {
  switch (shot) {
    case 'household-register':
      return page(REGISTER_CSS, REGISTER);
    case 'id-card-front':
      return page(CARD_CSS, ID_FRONT);
    case 'id-card-back':
      return page(CARD_CSS, ID_BACK);
    case 'property-certificate':
      return page(PROPERTY_CSS, PROPERTY);
    case 'blurred': // the register, shaken: a reviewer could not read it
      return page(REGISTER_CSS, REGISTER, 'blur(7px)');
    case 'dark': // the register with the lamp off
      return page(`${REGISTER_CSS}body{background:#16171a}`, REGISTER, 'brightness(0.12)');
    case 'empty': // the desk with nothing on it
      return page('', '');
  }
}
