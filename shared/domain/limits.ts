// The longest value each text field may hold. Checked before any pattern runs (so no input can make a validator slow)
// and enforced by the schemas of everything a client may send: a longer value is refused with the field named.
export const MAX_LENGTH = {
  /** 网站名称: real names are a few characters; generous for names with Latin parts. */
  websiteName: 64,
  /** A hostname is at most 253 characters (RFC 1035); a pasted URL may be longer before it is reduced to one. */
  domain: 253,
  domainInput: 2048,
  url: 2048,
  notes: 2000,
  serviceContentItem: 32,
  /** A principal's name: the longest registered Chinese names (with ethnic-minority transliterations) stay far below. */
  personName: 50,
  /** Resident IDs are 18; passports and permits up to 30. */
  idNumber: 30,
  /** `+86 138-0000-0000` with spaces and dashes. */
  mobile: 20,
  /** 应急联系电话 / 办公室电话: `0571-8888 8888-123` or a mobile with its prefix. */
  phone: 24,
  /** 前置审批文号, e.g. `浙新网备〔2026〕12号` or a licence number; generous. */
  preApprovalNumber: 64,
  /** RFC 5321: a forward path of at most 256 octets including the brackets → 254 for the address. */
  email: 254,
  smsCode: 10,
  /** Entity and filing names the BFF only reads (filed values), kept bounded in case a client echoes them. */
  entityName: 128,
} as const;

export const MAX_ITEMS = {
  domains: 50,
  serviceContent: 20,
  preApprovals: 20,
} as const;

/** `网站名称不能超过64个字符（现有70个）`: the message every length refusal uses. */
export function tooLongMessage(label: string, max: number, actual: number): string {
  return `${label}不能超过${max}个字符（现有${actual}个），请删减`;
}
