/**
 * Service types (サービス種類) as the MHLW 介護サービス情報公表システム open data publishes them, one file per
 * type (jigyosho_{code}.csv), with the names its サービスの種類 column uses. The code in the file name is
 * authoritative; names map to codes when a file or a row names its service instead. `counts` is the default
 * of service_types.counts_toward_adoption: the offices that send care plans (居宅介護支援, 介護予防支援) and the
 * home and community services that receive them.
 */
export interface ServiceType {
  code: string;
  name: string;
  counts: boolean;
  /** Other names files use for it. */
  aliases?: string[];
}

export const SERVICE_TYPES: ReadonlyArray<ServiceType> = [
  { code: '110', name: '訪問介護', counts: true },
  { code: '120', name: '訪問入浴介護', counts: true },
  { code: '130', name: '訪問看護', counts: true },
  { code: '140', name: '訪問リハビリテーション', counts: true },
  { code: '150', name: '通所介護', counts: true },
  { code: '155', name: '療養通所介護', counts: true },
  { code: '160', name: '通所リハビリテーション', counts: true },
  { code: '170', name: '福祉用具貸与', counts: true },
  { code: '210', name: '短期入所生活介護', counts: true },
  { code: '220', name: '短期入所療養介護（介護老人保健施設）', counts: true, aliases: ['短期入所療養介護'] },
  { code: '230', name: '短期入所療養介護（療養病床を有する病院等）', counts: true },
  { code: '320', name: '認知症対応型共同生活介護', counts: false },
  { code: '330', name: '特定施設入居者生活介護', counts: false },
  { code: '331', name: '特定施設入居者生活介護（有料老人ホーム）', counts: false },
  { code: '332', name: '特定施設入居者生活介護（軽費老人ホーム）', counts: false },
  { code: '333', name: '特定施設入居者生活介護（サービス付き高齢者向け住宅）', counts: false },
  { code: '334', name: '特定施設入居者生活介護（有料老人ホーム・外部サービス利用型）', counts: false },
  { code: '335', name: '特定施設入居者生活介護（軽費老人ホーム・外部サービス利用型）', counts: false },
  { code: '336', name: '特定施設入居者生活介護（サービス付き高齢者向け住宅・外部サービス利用型）', counts: false },
  { code: '337', name: '特定施設入居者生活介護（養護老人ホーム・外部サービス利用型）', counts: false },
  { code: '361', name: '地域密着型特定施設入居者生活介護（有料老人ホーム）', counts: false },
  { code: '362', name: '地域密着型特定施設入居者生活介護（軽費老人ホーム）', counts: false },
  { code: '363', name: '地域密着型特定施設入居者生活介護（サービス付き高齢者向け住宅）', counts: false },
  { code: '364', name: '地域密着型特定施設入居者生活介護（養護老人ホーム）', counts: false },
  { code: '410', name: '特定福祉用具販売', counts: false },
  { code: '430', name: '居宅介護支援', counts: true },
  { code: '460', name: '介護予防支援（地域包括支援センター）', counts: true, aliases: ['介護予防支援'] },
  { code: '510', name: '介護老人福祉施設', counts: false, aliases: ['介護福祉施設サービス'] },
  { code: '520', name: '介護老人保健施設', counts: false, aliases: ['介護保健施設サービス'] },
  { code: '530', name: '介護療養型医療施設', counts: false },
  { code: '540', name: '地域密着型介護老人福祉施設入所者生活介護', counts: false, aliases: ['地域密着型介護老人福祉施設'] },
  { code: '550', name: '介護医療院', counts: false },
  { code: '551', name: '短期入所療養介護（介護医療院）', counts: true },
  { code: '710', name: '夜間対応型訪問介護', counts: true },
  { code: '720', name: '認知症対応型通所介護', counts: true },
  { code: '730', name: '小規模多機能型居宅介護', counts: true },
  { code: '760', name: '定期巡回・随時対応型訪問介護看護', counts: true },
  {
    code: '770',
    name: '看護小規模多機能型居宅介護',
    counts: true,
    aliases: ['複合型サービス（看護小規模多機能型居宅介護）', '複合型サービス'],
  },
  { code: '780', name: '地域密着型通所介護', counts: true },
];

/** Names compared without spaces, width or bracket differences. */
export const serviceNameKey = (name: string) =>
  name
    .normalize('NFKC')
    .replace(/[\s・･]/g, '')
    .replace(/[()（）]/g, '');

const BY_NAME = new Map(SERVICE_TYPES.flatMap((t) => [t.name, ...(t.aliases ?? [])].map((n) => [serviceNameKey(n), t.code] as const)));

/** The code of a service named as MHLW writes it, or undefined. */
export function serviceCodeOfName(name: string): string | undefined {
  return BY_NAME.get(serviceNameKey(name));
}

/** The service code in an open-data file name: jigyosho_110.csv → 110. */
export function serviceCodeOfFileName(fileName: string): string | undefined {
  const m = /jigyosho_(\d{3})(?:\D|$)/i.exec(fileName);
  return m && SERVICE_TYPES.some((t) => t.code === m[1]) ? m[1] : undefined;
}

/**
 * Labels publishers of the 推奨データセット write in 実施サービス (free text) that are not a service's name: the
 * common names of a service, mapped to its code. A label is first read as a name, then without a trailing
 * 事業所 or the part in brackets (通所介護（デイサービス）), then through this table.
 */
const PUBLISHER_LABELS: Record<string, string> = {
  ホームヘルプ: '110',
  ホームヘルプサービス: '110',
  訪問入浴: '120',
  訪問看護ステーション: '130',
  訪問リハ: '140',
  デイサービス: '150',
  デイケア: '160',
  福祉用具レンタル: '170',
  ショートステイ: '210',
  グループホーム: '320',
  特別養護老人ホーム: '510',
  特養: '510',
  老人保健施設: '520',
  老健: '520',
  ケアプラン作成: '430',
  地域包括支援センター: '460',
  小規模多機能: '730',
  看護小規模多機能: '770',
  看多機: '770',
  定期巡回: '760',
  夜間訪問介護: '710',
  認知症デイサービス: '720',
};
const BY_LABEL = new Map(Object.entries(PUBLISHER_LABELS).map(([label, code]) => [serviceNameKey(label), code] as const));

/** The code of a service as a publisher labels it in 実施サービス, or undefined (the row is then set aside). */
export function serviceCodeOfLabel(label: string): string | undefined {
  const key = serviceNameKey(label);
  const plain = serviceNameKey(label.replace(/[（(][^）)]*[）)]\s*$/, '')).replace(/(事業所|事業)$/, '');
  const inBrackets = /[（(]([^）)]*)[）)]\s*$/.exec(label)?.[1];
  return (
    serviceCodeOfName(label) ??
    BY_NAME.get(plain) ??
    BY_LABEL.get(key) ??
    BY_LABEL.get(plain) ??
    (inBrackets ? (serviceCodeOfName(inBrackets) ?? BY_LABEL.get(serviceNameKey(inBrackets))) : undefined)
  );
}
