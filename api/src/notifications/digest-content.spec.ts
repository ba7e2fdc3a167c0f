import { added, nameList, pointChange, reasonsText } from './digest-content.js';

const m = (code: string, name = code) => ({ code, name, prefecture_code: code.slice(0, 2), detail: null });

describe('digest wording', () => {
  it('states a change of rate in points, signed, to one decimal', () => {
    expect(pointChange(0.125, 0.12)).toBe('+0.5ポイント');
    expect(pointChange(0.1, 0.112)).toBe('−1.2ポイント');
    expect(pointChange(0.3, 0.3)).toBe('±0.0ポイント');
    expect(pointChange(0.3, null)).toBe('');
  });

  it('lists at most twenty names and counts the rest', () => {
    const many = Array.from({ length: 23 }, (_, i) => m(String(i).padStart(6, '0'), `町${i}`));
    expect(nameList(many.slice(0, 2))).toBe('町0、町1');
    expect(nameList(many)).toMatch(/町19 ほか3件$/);
  });

  it('finds those that entered a list since the last digest, none without a last one', () => {
    expect(added([m('072079'), m('072010')], [m('072010')]).map((x) => x.code)).toEqual(['072079']);
    expect(added([m('072079')], undefined)).toEqual([]);
  });

  it('words the reason codes as the pages do', () => {
    expect(reasonsText('overdue,undecided')).toBe('予定日を過ぎて未完了・移行時期が調整中・未定');
  });
});
