import { describe, expect, it } from 'vitest';
import { centroidOf, toOffsetIso } from './open311.presenter.ts';
import { parseForm } from './open311.routes.ts';
import { DEFAULT_WINDOW_DAYS, parseOpen311Date, requestFilterOf } from './open311.service.ts';
import { readXml, recordsOf } from './testing/xml-reader.ts';
import { escapeXmlText, fieldsOf, node, xmlDocument } from './xml.ts';

describe('xml writer', () => {
  it('escapes markup and quotes', () => {
    expect(escapeXmlText(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(escapeXmlText('&amp;')).toBe('&amp;amp;');
  });

  it('replaces characters XML 1.0 cannot carry, keeping tabs, newlines and astral characters', () => {
    expect(escapeXmlText('a\u0000b\u001bc\uFFFEd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXmlText('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    expect(escapeXmlText('\t\n\r井盖😀')).toBe('\t\n\r井盖😀');
  });

  it('writes empty, scalar and nested elements that read back to the same data', () => {
    const text = 'Rubbish <here> & "there" 垃圾\u0007';
    const document = xmlDocument(
      node('service_requests', [
        node(
          'request',
          fieldsOf({ id: '1', note: text, lat: 37.5, open: true, none: null, skipped: undefined }),
        ),
      ]),
    );
    expect(document.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(document).toContain('<none/>');
    expect(document).not.toContain('skipped');
    const [record] = recordsOf(readXml(document));
    expect(record).toEqual({
      id: '1',
      note: text.replace('\u0007', '\uFFFD'),
      lat: '37.5',
      open: 'true',
      none: null,
    });
  });

  it('refuses element names that are not names', () => {
    expect(() => xmlDocument(node('a b', 'x'))).toThrow(/element name/);
    expect(() => xmlDocument(node('<x>', 'x'))).toThrow(/element name/);
  });
});

describe('presenting', () => {
  it('writes instants in Shanghai time with the offset', () => {
    expect(toOffsetIso(new Date('2026-12-02T01:00:00.123Z'))).toBe('2026-12-02T09:00:00+08:00');
    expect(toOffsetIso(new Date('2026-12-31T20:30:00Z'))).toBe('2027-01-01T04:30:00+08:00');
  });

  it('finds the centroid of polygons either way round, with holes and several parts', () => {
    const square = [
      [120, 37],
      [120.02, 37],
      [120.02, 37.02],
      [120, 37.02],
      [120, 37],
    ] as [number, number][];
    expect(centroidOf({ type: 'Polygon', coordinates: [square] })).toEqual({ lng: 120.01, lat: 37.01 });
    expect(centroidOf({ type: 'Polygon', coordinates: [[...square].reverse()] })).toEqual({
      lng: 120.01,
      lat: 37.01,
    });
    // An L: the square minus its north-east quarter (as a hole) → centroid moves south-west.
    const hole = [
      [120.01, 37.01],
      [120.02, 37.01],
      [120.02, 37.02],
      [120.01, 37.02],
      [120.01, 37.01],
    ] as [number, number][];
    const l = centroidOf({ type: 'Polygon', coordinates: [square, hole] });
    expect(l?.lng).toBeCloseTo(120.00833, 4);
    expect(l?.lat).toBeCloseTo(37.00833, 4);
    const east = square.map(([x, y]) => [x + 0.02, y] as [number, number]);
    expect(centroidOf({ type: 'MultiPolygon', coordinates: [[square], [east]] })).toEqual({
      lng: 120.02,
      lat: 37.01,
    });
  });
});

describe('parameters', () => {
  const now = new Date('2026-12-02T01:00:00Z');

  it('reads dates with an offset, Z, none (Shanghai) or date only', () => {
    expect(parseOpen311Date('2026-12-01T00:00:00Z', 'd').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseOpen311Date('2026-12-01T08:00:00+08:00', 'd').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseOpen311Date('2026-12-01T08:00:00+0800', 'd').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseOpen311Date('2026-12-01T08:00', 'd').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseOpen311Date('2026-12-01', 'd').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(() => parseOpen311Date('yesterday', 'start_date')).toThrow(/start_date/);
    expect(() => parseOpen311Date('2026-13-01', 'start_date')).toThrow(/start_date/);
  });

  it('defaults to the last 90 days, ids win over other filters, status is checked', () => {
    const filter = requestFilterOf({}, now);
    expect(filter.to).toEqual(now);
    expect(filter.from).toEqual(new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000));
    expect(requestFilterOf({ service_request_id: '3, 5,x', status: 'closed' }, now)).toEqual({ ids: [3, 5] });
    expect(requestFilterOf({ status: 'open' }, now).status).toBe('open');
    expect(requestFilterOf({ status: 'open,closed' }, now).status).toBeUndefined();
    expect(requestFilterOf({ service_code: 'A,B' }, now).serviceCodes).toEqual(['A', 'B']);
    expect(() => requestFilterOf({ status: 'pending' }, now)).toThrow(/status/);
    expect(() => requestFilterOf({ start_date: '2026-12-02', end_date: '2026-12-01' }, now)).toThrow(/after/);
  });

  it('reads a form body, the last of repeated fields, all of name[] fields', () => {
    expect(parseForm('a=1&b=%E4%BA%95+%26&a=2&m[]=x&m[]=y')).toEqual({
      a: '2',
      b: '井 &',
      'm[]': ['x', 'y'],
    });
  });
});
