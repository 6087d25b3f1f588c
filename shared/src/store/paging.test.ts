import { buildPage, clampPageLimit, decodeCursor, encodeCursor, readCursor } from './paging';

describe('paging', () => {
  it('defaults the limit to 50 and clamps it to 1…500', () => {
    expect(clampPageLimit(undefined)).toBe(50);
    expect(clampPageLimit(0)).toBe(1);
    expect(clampPageLimit(10_000)).toBe(500);
    expect(clampPageLimit(7.9)).toBe(7);
  });

  it('round-trips cursors and rejects foreign ones with a 400 naming cursor', () => {
    const cursor = encodeCursor('01a2-xyz');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toBe('01a2-xyz');
    expect(decodeCursor('@@@')).toBeUndefined();
    expect(decodeCursor(btoa('other'))).toBeUndefined();
    expect(readCursor({ cursor })).toBe('01a2-xyz');
    expect(readCursor({})).toBeUndefined();
    expect(() => readCursor({ cursor: 'zz' })).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('builds a page from limit + 1 rows', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(buildPage(rows, 3)).toEqual({ items: rows, nextCursor: null });
    const page = buildPage(rows, 2);
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(decodeCursor(page.nextCursor!)).toBe('b');
  });
});
