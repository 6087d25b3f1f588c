import type { ConversionNote } from '@llmfb/shared';
import { formatConversionNotes } from './conversion-notes-header';

describe('x-llmfb-conversion-notes', () => {
  it('is absent when nothing was lost', () => {
    expect(formatConversionNotes([])).toBeUndefined();
  });

  it('is an ASCII JSON array a client can parse back', () => {
    const notes: ConversionNote[] = [
      { kind: 'dropped', path: 'tools[0].name', message: 'Tool «天气» renamed' },
    ];
    const header = formatConversionNotes(notes) as string;
    expect(/^[\x20-\x7e]*$/.test(header)).toBe(true);
    expect(JSON.parse(header)).toEqual(notes);
  });

  it('stays under 4 KB and says how many notes it left out', () => {
    const notes: ConversionNote[] = Array.from({ length: 200 }, (_, index) => ({
      kind: 'dropped',
      path: `messages[${index}]`,
      message: 'An empty text block was removed.',
    }));
    const header = formatConversionNotes(notes) as string;
    expect(header.length).toBeLessThanOrEqual(4096);
    const parsed = JSON.parse(header) as ConversionNote[];
    expect(parsed.at(-1)?.message).toMatch(/^\d+ more notes in the request log$/);
    expect(parsed.length - 1 + Number(parsed.at(-1)?.message.split(' ')[0])).toBe(200);
  });
});
