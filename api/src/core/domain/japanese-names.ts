/**
 * Place names as publishers write them differ from the official list by variant forms only: ヶ/ケ/ｹ
 * (龍ヶ崎市 = 龍ケ崎市), old and new forms of a kanji (檮原町 = 梼原町, 須惠町 = 須恵町), and an island name
 * before the town's (八丈島八丈町 = 八丈町). Folding both sides makes them match; nothing is shown folded.
 */
const KANJI_VARIANTS: Record<string, string> = {
  檮: '梼',
  惠: '恵',
  '\uFA11': '崎', // 﨑
  髙: '高',
  邊: '辺',
  邉: '辺',
  澤: '沢',
  嶋: '島',
  舘: '館',
  櫻: '桜',
  濱: '浜',
  國: '国',
  廣: '広',
  龍: '竜',
  '\uFA10': '塚', // 塚 (compatibility form)
  曽: '曾',
};
const VARIANT = new RegExp(`[${Object.keys(KANJI_VARIANTS).join('')}]`, 'g');

/** A name reduced to what identifies it: width, spaces, ヶ-forms, kanji variants and an island prefix folded. */
export function foldPlaceName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[ヶヵケ]/g, 'ケ')
    .replace(/[ゖゕ]/g, 'ケ')
    .replace(VARIANT, (c) => KANJI_VARIANTS[c])
    .replace(/^(.+?)島\1(?=.*[町村]$)/, '$1');
}

/**
 * Every dash a telephone number is written with (hyphens U+2010–2015, minus U+2212, full-width hyphen-minus,
 * the long-vowel marks ー and ｰ) and full-width digits, as ASCII.
 */
export function normalisePhoneText(value: string): string {
  return (
    value
      .normalize('NFKC')
      .trim()
      .replace(/[\u2010-\u2015\u2212\u30FC\uFF0D\uFF70\u2043\uFE63]/g, '-')
      // An opening bracket with nothing after it is a leftover of "(代)" and the like: the number is whole without it.
      .replace(/\(+$/, '')
  );
}

/** Legal-form words an office's name is written with or without (株式会社, (株), ㈱, 社会福祉法人 …). */
const LEGAL_FORMS =
  /株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|公益社団法人|公益財団法人|社会福祉法人|医療法人社団|医療法人財団|医療法人|特定非営利活動法人|NPO法人|\((?:株|有|社福|医|福)\)|[㈱㈲]/g;

/**
 * An office's name reduced to what identifies it, for matching a list that gives no office number: width and
 * spaces, legal forms (株式会社 = (株) = ㈱ = nothing), ヶ-forms and punctuation folded.
 */
export function officeNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(LEGAL_FORMS, '')
    .replace(/[ヶヵケ]/g, 'ケ')
    .replace(/[・･.,、。「」『』()（）\-‐ー－]/g, '');
}
