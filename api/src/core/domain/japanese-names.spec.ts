import { foldPlaceName, normalisePhoneText } from './japanese-names.js';

describe('place names folded for matching', () => {
  it.each([
    ['龍ヶ崎市', '龍ケ崎市'],
    ['金ヶ崎町', '金ケ崎町'],
    ['関ｹ原町', '関ヶ原町'],
    ['檮原町', '梼原町'],
    ['須惠町', '須恵町'],
    ['八丈島八丈町', '八丈町'],
    ['三宅島三宅村', '三宅村'],
    ['髙森町', '高森町'],
    ['宮　代　町', '宮代町'],
  ])('%s matches %s', (written, official) => {
    expect(foldPlaceName(written)).toBe(foldPlaceName(official));
  });

  it('keeps different places apart', () => {
    expect(foldPlaceName('大島町')).not.toBe(foldPlaceName('島町'));
    expect(foldPlaceName('美浜町')).not.toBe(foldPlaceName('三浜町'));
    expect(foldPlaceName('八丈町')).toBe('八丈町');
  });
});

describe('telephone numbers as lists write them', () => {
  it.each([
    ['03−6767−4202', '03-6767-4202'],
    ['０２９－８３６－６５５７', '029-836-6557'],
    ['0226‐25‐7651', '0226-25-7651'],
    ['048ー970ー6294', '048-970-6294'],
    ['048ｰ970ｰ6294', '048-970-6294'],
    ['０４８―９７０―６２９４', '048-970-6294'],
    ['099－264－0001（', '099-264-0001'],
    ['0246（23）2077', '0246(23)2077'],
  ])('%s → %s', (written, normalised) => {
    expect(normalisePhoneText(written)).toBe(normalised);
  });
});
