import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../testing/hotline-files.ts';
import { categoryResolver, parseCrs, parseShanghaiTime, resolveMapping } from './check-hotline-rows.ts';
import { decodeText, readCsv } from './read-sheet.ts';

/** The pure parts of the 12345 import: text encodings, CSV, times, coordinate systems, categories, headers. */
describe('12345 sheet reading', () => {
  it('decodes UTF-8 with and without BOM, GBK, and UTF-16 with BOM', () => {
    const text = '工单编号,诉求内容\r\nA1,路灯不亮\r\n';
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(
      text,
    );
    expect(decodeText(encodeGbk(text))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
  });

  it('reads quoted CSV fields with commas, quotes and line breaks, and skips blank rows', () => {
    const sheet = readCsv('编号,内容\r\n1,"一,二"\r\n\r\n2,"他说""好""\n第二行"\n');
    expect(sheet.headers).toEqual(['编号', '内容']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['1', '一,二'] },
      { row: 4, cells: ['2', '他说"好"\n第二行'] },
    ]);
    expect(readCsv('a\tb\n1\t2\n').rows[0]?.cells).toEqual(['1', '2']);
  });

  it('reads 12345 times as Shanghai time and refuses impossible ones', () => {
    const expected = '2026-11-20T01:30:00.000Z';
    for (const text of [
      '2026-11-20 09:30:00',
      '2026/11/20 9:30',
      '2026年11月20日 09时30分',
      '20261120093000',
    ]) {
      expect(parseShanghaiTime(text)?.toISOString(), text).toBe(expected);
    }
    expect(parseShanghaiTime(new Date('2026-11-20T09:30:00Z'))?.toISOString()).toBe(expected);
    expect(parseShanghaiTime('2026-11-20T09:30:00+08:00')?.toISOString()).toBe(expected);
    expect(parseShanghaiTime('2026-02-30 10:00')).toBeNull();
    expect(parseShanghaiTime('昨天')).toBeNull();
  });

  it('knows the coordinate systems by their usual names', () => {
    expect(['WGS-84', 'gps', '4326'].map(parseCrs)).toEqual(['wgs84', 'wgs84', 'wgs84']);
    expect(['GCJ-02', '高德', '火星坐标'].map(parseCrs)).toEqual(['gcj02', 'gcj02', 'gcj02']);
    expect(['BD-09', '百度'].map(parseCrs)).toEqual(['bd09', 'bd09']);
    expect(parseCrs('UTM')).toBeNull();
  });

  it('finds categories by code, name, 大类/小类, or the import’s own map', () => {
    const resolve = categoryResolver(
      [
        { code: '200102', name: '暴露垃圾', majorName: '市容环境', active: true },
        { code: '100118', name: '路灯', majorName: '公共设施', active: true },
        { code: 'OLD', name: '旧分类', majorName: '其他', active: false },
      ],
      { 环境卫生: '200102' },
    );
    expect(resolve('200102')?.code).toBe('200102');
    expect(resolve('路灯')?.code).toBe('100118');
    expect(resolve('城市管理-公共设施-路灯')?.code).toBe('100118');
    expect(resolve('市容环境/暴露垃圾')?.code).toBe('200102');
    expect(resolve('环境卫生')?.code).toBe('200102');
    expect(resolve('旧分类')).toBeNull();
    expect(resolve('其他问题')).toBeNull();
  });

  it('maps typical headers by default, and the import’s own mapping first', () => {
    const headers = [
      '序号',
      '受理编号',
      '来电时间',
      '问题描述',
      '诉求分类',
      '经度（GCJ-02）',
      '纬度（GCJ-02）',
      '来电人',
    ];
    expect(resolveMapping(headers, {})).toMatchObject({
      orderNumber: '受理编号',
      receivedAt: '来电时间',
      description: '问题描述',
      category: '诉求分类',
      lng: '经度（GCJ-02）',
      lat: '纬度（GCJ-02）',
      callerName: '来电人',
      address: null,
    });
    expect(resolveMapping(headers, { orderNumber: '序号' }).orderNumber).toBe('序号');
  });
});
