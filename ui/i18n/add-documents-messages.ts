// "Needs more" answered at the kiosk: its words in both languages, spread into messages.ts's
// tables (the English table typed by the Chinese one).

export const ADD_DOCUMENTS_ZH = {
  addDocumentsNow: '现在补交材料',
  progressRequestedNow: '现在就可以在这里用摄像头拍下补交',
  addDocumentsLabelOf: '{label}（第 {index} 份，共 {count} 份）',
  addDocumentsReviewTitle: '请核对要补交的材料',
  addDocumentsReviewLead: '受理编号 {code}',
  addDocumentsPages: '{pages} 页',
  addDocumentsSend: '提交材料',
  addDocumentsSending: '正在提交材料，请稍候',
  addDocumentsAccepted: '材料已补交',
  addDocumentsAcceptedLead: '审核人员会继续办理，结果用短信告诉您',
  addDocumentsPending: '材料已收下',
  addDocumentsPendingLead: '现在连不上办理系统。材料已存在本机，联网后自动提交，您不用再来',
  addDocumentsRejected: '材料没有补交成功',
  addDocumentsRejectedLead: '请点“呼叫工作人员”，工作人员会来帮您',
  addDocumentsSerial: '补交编号 {serial}',
  addDocumentsSeeProgress: '查看进度',
  addDocumentsProblemUnreachable: '暂时连不上办理系统，请稍后再试，或呼叫工作人员',
  addDocumentsProblemRefused: '办理系统没有收下这些材料，请呼叫工作人员',
  addDocumentsProblemExpired: '照片保存太久已经删除，请返回重新拍',
  voiceAddDocumentsLine: '{label}，{pages} 页',
} as const;

export type AddDocumentsMessageKey = keyof typeof ADD_DOCUMENTS_ZH;

export const ADD_DOCUMENTS_EN: Record<AddDocumentsMessageKey, string> = {
  addDocumentsNow: 'Add the documents now',
  progressRequestedNow: 'You can photograph them here on the camera now',
  addDocumentsLabelOf: '{label} ({index} of {count})',
  addDocumentsReviewTitle: 'Check the documents to add',
  addDocumentsReviewLead: 'Tracking code {code}',
  addDocumentsPages: '{pages} pages',
  addDocumentsSend: 'Send the documents',
  addDocumentsSending: 'Sending the documents, please wait',
  addDocumentsAccepted: 'Documents added',
  addDocumentsAcceptedLead:
    'The reviewer goes on with your application; an SMS tells you the result',
  addDocumentsPending: 'Documents taken',
  addDocumentsPendingLead:
    'The service system cannot be reached now. The documents are kept here and sent by themselves: no need to come back',
  addDocumentsRejected: 'The documents were not added',
  addDocumentsRejectedLead: 'Please tap "Call staff": a member of staff will help you',
  addDocumentsSerial: 'Reference {serial}',
  addDocumentsSeeProgress: 'See the progress',
  addDocumentsProblemUnreachable:
    'The service system cannot be reached now: try later, or call staff',
  addDocumentsProblemRefused: 'The service system did not take these documents: please call staff',
  addDocumentsProblemExpired:
    'The photos were kept too long and deleted: go back and take them again',
  voiceAddDocumentsLine: '{label}: {pages} pages',
};
