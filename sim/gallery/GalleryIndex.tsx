// The gallery's front page: a link to every fixture, in both languages and at every text scale.
import { FIXTURES } from './fixtures';

const VARIANTS = [
  { label: '中文', q: 'locale=zh-CN' },
  { label: 'English', q: 'locale=en' },
  { label: '中文 ×1.5', q: 'locale=zh-CN&scale=1.5' },
  { label: 'English ×1.5', q: 'locale=en&scale=1.5' },
];

export function GalleryIndex() {
  return (
    <main className="gallery-index">
      <h1>Kiosk screen gallery</h1>
      <p>Every screen of the real renderer, fed a fixture snapshot. Taps are only recorded.</p>
      <table>
        <tbody>
          {FIXTURES.map((f) => (
            <tr key={f.id}>
              <th scope="row">{f.title}</th>
              {VARIANTS.map((v) => (
                <td key={v.q}>
                  <a href={`?screen=${f.id}&${v.q}`}>{v.label}</a>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
