import { parseConversionNotesHeader } from './conversion-notes';

describe('parseConversionNotesHeader', () => {
  it('reads a JSON array of strings or of note objects', () => {
    expect(parseConversionNotesHeader('["dropped logprobs","clamped temperature"]')).toEqual([
      'dropped logprobs',
      'clamped temperature',
    ]);
    expect(
      parseConversionNotesHeader(
        JSON.stringify([
          { kind: 'dropped', path: 'logprobs', message: 'not supported by Anthropic' },
        ]),
      ),
    ).toEqual(['[dropped] logprobs: not supported by Anthropic']);
  });

  it('keeps plain text as one note and ignores an absent header', () => {
    expect(parseConversionNotesHeader('temperature clamped to 1')).toEqual([
      'temperature clamped to 1',
    ]);
    expect(parseConversionNotesHeader(null)).toEqual([]);
    expect(parseConversionNotesHeader('  ')).toEqual([]);
  });
});
