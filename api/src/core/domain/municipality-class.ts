/** Classes of municipality as the ministry groups them. */
export const MUNICIPALITY_CLASSES = ['designated_city', 'special_ward', 'core_city', 'city', 'town', 'village'] as const;
export type MunicipalityClass = (typeof MUNICIPALITY_CLASSES)[number];

export const CLASS_LABELS_JA: Record<MunicipalityClass, string> = {
  designated_city: '政令指定都市',
  special_ward: '特別区',
  core_city: '中核市',
  city: '市',
  town: '町',
  village: '村',
};

/** The 20 designated cities (政令指定都市) with their 5-digit codes and kana. */
export const DESIGNATED_CITIES: ReadonlyArray<{ code5: string; name: string; kana: string }> = [
  { code5: '01100', name: '札幌市', kana: 'サッポロシ' },
  { code5: '04100', name: '仙台市', kana: 'センダイシ' },
  { code5: '11100', name: 'さいたま市', kana: 'サイタマシ' },
  { code5: '12100', name: '千葉市', kana: 'チバシ' },
  { code5: '14100', name: '横浜市', kana: 'ヨコハマシ' },
  { code5: '14130', name: '川崎市', kana: 'カワサキシ' },
  { code5: '14150', name: '相模原市', kana: 'サガミハラシ' },
  { code5: '15100', name: '新潟市', kana: 'ニイガタシ' },
  { code5: '22100', name: '静岡市', kana: 'シズオカシ' },
  { code5: '22130', name: '浜松市', kana: 'ハママツシ' },
  { code5: '23100', name: '名古屋市', kana: 'ナゴヤシ' },
  { code5: '26100', name: '京都市', kana: 'キョウトシ' },
  { code5: '27100', name: '大阪市', kana: 'オオサカシ' },
  { code5: '27140', name: '堺市', kana: 'サカイシ' },
  { code5: '28100', name: '神戸市', kana: 'コウベシ' },
  { code5: '33100', name: '岡山市', kana: 'オカヤマシ' },
  { code5: '34100', name: '広島市', kana: 'ヒロシマシ' },
  { code5: '40100', name: '北九州市', kana: 'キタキュウシュウシ' },
  { code5: '40130', name: '福岡市', kana: 'フクオカシ' },
  { code5: '43100', name: '熊本市', kana: 'クマモトシ' },
];

/** The 62 core cities (中核市) as of 2024-04-01, by prefecture code and name. */
export const CORE_CITIES: ReadonlyArray<readonly [string, string]> = [
  ['01', '函館市'],
  ['01', '旭川市'],
  ['02', '青森市'],
  ['02', '八戸市'],
  ['03', '盛岡市'],
  ['05', '秋田市'],
  ['06', '山形市'],
  ['07', '福島市'],
  ['07', '郡山市'],
  ['07', 'いわき市'],
  ['08', '水戸市'],
  ['09', '宇都宮市'],
  ['10', '前橋市'],
  ['10', '高崎市'],
  ['11', '川越市'],
  ['11', '川口市'],
  ['11', '越谷市'],
  ['12', '船橋市'],
  ['12', '柏市'],
  ['13', '八王子市'],
  ['14', '横須賀市'],
  ['16', '富山市'],
  ['17', '金沢市'],
  ['18', '福井市'],
  ['19', '甲府市'],
  ['20', '長野市'],
  ['20', '松本市'],
  ['21', '岐阜市'],
  ['23', '豊橋市'],
  ['23', '岡崎市'],
  ['23', '一宮市'],
  ['23', '豊田市'],
  ['25', '大津市'],
  ['27', '豊中市'],
  ['27', '吹田市'],
  ['27', '高槻市'],
  ['27', '枚方市'],
  ['27', '八尾市'],
  ['27', '寝屋川市'],
  ['27', '東大阪市'],
  ['28', '姫路市'],
  ['28', '尼崎市'],
  ['28', '明石市'],
  ['28', '西宮市'],
  ['29', '奈良市'],
  ['30', '和歌山市'],
  ['31', '鳥取市'],
  ['32', '松江市'],
  ['33', '倉敷市'],
  ['34', '呉市'],
  ['34', '福山市'],
  ['35', '下関市'],
  ['37', '高松市'],
  ['38', '松山市'],
  ['39', '高知市'],
  ['40', '久留米市'],
  ['42', '長崎市'],
  ['42', '佐世保市'],
  ['44', '大分市'],
  ['45', '宮崎市'],
  ['46', '鹿児島市'],
  ['47', '那覇市'],
];

const coreCityKeys = new Set(CORE_CITIES.map(([pref, name]) => `${pref}:${name}`));

/** Class of a (non-ward) municipality from its code and name. */
export function classify(code5: string, name: string): MunicipalityClass {
  if (DESIGNATED_CITIES.some((d) => d.code5 === code5)) return 'designated_city';
  if (/^131\d\d$/.test(code5) && name.endsWith('区')) return 'special_ward';
  if (coreCityKeys.has(`${code5.slice(0, 2)}:${name}`)) return 'core_city';
  if (name.endsWith('市')) return 'city';
  if (name.endsWith('町')) return 'town';
  if (name.endsWith('村')) return 'village';
  throw new Error(`cannot classify municipality ${code5} ${name}`);
}
