import { createContext, useContext } from 'react';

/** A small typed dictionary: every message in Chinese first, then English. */
export type Locale = 'zh' | 'en';
export const locales: readonly Locale[] = ['zh', 'en'];

interface Message {
  zh: string;
  en: string;
}

const messages = {
  'app.name': { zh: '精治', en: 'Jingzhi' },
  'app.subtitle': { zh: '网格化基层治理', en: 'Grid-based community governance' },
  'app.switchTo': { zh: 'English', en: '中文' },
  'app.switchToTitle': { zh: '切换到英文', en: 'Switch to Chinese' },
  'app.openMenu': { zh: '打开菜单', en: 'Open menu' },
  'app.menu': { zh: '菜单', en: 'Menu' },
  'menu.territory': { zh: '辖区地图', en: 'Territory map' },
  'menu.legacyLayers': { zh: '多网合一', en: 'Legacy grid merge' },
  'menu.changes': { zh: '边界变更', en: 'Boundary changes' },
  'notFound.title': { zh: '页面不存在', en: 'Page not found' },
  'notFound.back': { zh: '返回辖区地图', en: 'Back to the territory map' },

  'common.retry': { zh: '重试', en: 'Retry' },
  'common.loadFailed': { zh: '加载失败', en: 'Could not load' },
  'common.close': { zh: '关闭', en: 'Close' },
  'common.total': { zh: '共 {n} 条', en: '{n} in all' },
  'common.search': { zh: '搜索', en: 'Search' },
  'common.errorCode': { zh: '错误代码', en: 'Error code' },

  'level.jurisdiction': { zh: '市', en: 'City' },
  'level.subdistrict': { zh: '街道', en: 'Subdistrict' },
  'level.community': { zh: '社区', en: 'Community' },
  'level.grid': { zh: '网格', en: 'Grid' },
  'level.unit': { zh: '网格单元', en: 'Grid unit' },
  'level.building': { zh: '楼栋', en: 'Building' },

  'kind.legacy': { zh: '老旧型', en: 'Legacy' },
  'kind.new_build': { zh: '新建型', en: 'New-build' },
  'kind.seasonal': { zh: '候鸟型', en: 'Seasonal' },
  'kind.work_unit': { zh: '单位型', en: 'Work-unit' },
  'kind.legend': { zh: '社区类型', en: 'Community kind' },

  'summary.communities': { zh: '社区', en: 'Communities' },
  'summary.grids': { zh: '网格', en: 'Grids' },
  'summary.units': { zh: '网格单元', en: 'Grid units' },
  'summary.buildings': { zh: '楼栋', en: 'Buildings' },
  'summary.households': { zh: '户数', en: 'Households' },

  'territory.searchPlaceholder': { zh: '按编码或名称搜索', en: 'Search by code or name' },
  'territory.searchEmpty': { zh: '没有匹配的地点', en: 'No matching place' },
  'territory.historical': { zh: '已撤销', en: 'Retired' },
  'territory.tree': { zh: '辖区目录', en: 'Places' },
  'territory.showTree': { zh: '目录', en: 'Places' },
  'territory.mapLoading': { zh: '正在绘制网格…', en: 'Drawing the grids…' },
  'territory.mapFailed': { zh: '地图数据加载失败', en: 'Could not load the map data' },

  'card.code': { zh: '编码', en: 'Code' },
  'card.area': { zh: '面积', en: 'Area' },
  'card.validFrom': { zh: '生效时间', en: 'Valid from' },
  'card.validTo': { zh: '失效时间', en: 'Valid to' },
  'card.buildings': { zh: '楼栋', en: 'Buildings' },
  'card.buildingName': { zh: '楼栋名称', en: 'Building' },
  'card.floors': { zh: '层数', en: 'Floors' },
  'card.households': { zh: '户数', en: 'Households' },
  'card.noBuildings': { zh: '暂无楼栋', en: 'No buildings' },
  'card.lineage': { zh: '沿革', en: 'Lineage' },
  'card.madeBy': { zh: '由以下地点{kind}而来', en: 'Made by {kind} of' },
  'card.replacedBy': { zh: '已{kind}为', en: 'Replaced by {kind} into' },
  'card.noLineage': { zh: '无变更记录', en: 'No boundary changes' },
  'card.zoom': { zh: '定位', en: 'Zoom to' },
  'card.allChanges': { zh: '查看该地点的全部变更记录', en: 'All boundary changes of this place' },

  'change.split': { zh: '拆分', en: 'split' },
  'change.merge': { zh: '合并', en: 'merge' },
  'changes.title': { zh: '边界变更记录', en: 'Boundary changes' },
  'changes.intro': {
    zh: '网格和网格单元的拆分与合并；旧地点保留其有效期和沿革，点击地点在地图上查看。',
    en: 'Splits and merges of grids and grid units; old places keep their validity and lineage. Click a place to see it on the map.',
  },
  'changes.at': { zh: '时间', en: 'Time' },
  'changes.kind': { zh: '类型', en: 'Kind' },
  'changes.level': { zh: '层级', en: 'Level' },
  'changes.reason': { zh: '原因', en: 'Reason' },
  'changes.places': { zh: '变更前 → 变更后', en: 'Before → after' },
  'changes.empty': { zh: '暂无边界变更', en: 'No boundary changes yet' },
  'changes.filteredBy': { zh: '仅显示涉及地点 {id} 的变更', en: 'Only changes involving place {id}' },
  'changes.clearFilter': { zh: '显示全部', en: 'Show all' },

  'legacy.title': { zh: '多网合一', en: 'Legacy grid merge' },
  'legacy.intro': {
    zh: '导入各部门原有的网格图层（如计生、应急、综治、城管），查看每个统一网格与原网格的重叠比例。',
    en: "Import a department's legacy grid layer (family planning, emergency, governance, city management…) and see how each unified grid overlaps the legacy grids.",
  },
  'legacy.layers': { zh: '已导入图层', en: 'Imported layers' },
  'legacy.department': { zh: '部门', en: 'Department' },
  'legacy.layerName': { zh: '图层名称', en: 'Layer name' },
  'legacy.gridCount': { zh: '原网格数', en: 'Legacy grids' },
  'legacy.coveredShare': { zh: '统一网格覆盖率', en: 'Unified grids covered' },
  'legacy.importedAt': { zh: '导入时间', en: 'Imported' },
  'legacy.noLayers': { zh: '尚未导入图层', en: 'No layer imported yet' },
  'legacy.upload': { zh: '导入图层', en: 'Import a layer' },
  'legacy.codeProperty': { zh: '编码属性', en: 'Code property' },
  'legacy.nameProperty': { zh: '名称属性', en: 'Name property' },
  'legacy.crs': { zh: '坐标系', en: 'Coordinate system' },
  'legacy.crs.wgs84': { zh: 'WGS-84（GPS）', en: 'WGS-84 (GPS)' },
  'legacy.crs.gcj02': { zh: 'GCJ-02（高德、腾讯）', en: 'GCJ-02 (AMap, Tencent)' },
  'legacy.crs.bd09': { zh: 'BD-09（百度）', en: 'BD-09 (Baidu)' },
  'legacy.file': { zh: 'GeoJSON 文件', en: 'GeoJSON file' },
  'legacy.chooseFile': { zh: '选择 .geojson / .json 文件', en: 'Choose a .geojson / .json file' },
  'legacy.fileRead': { zh: '{name}：{n} 个要素', en: '{name}: {n} features' },
  'legacy.fileRequired': { zh: '请选择 GeoJSON 文件', en: 'Choose a GeoJSON file' },
  'legacy.fileNotJson': {
    zh: '文件 {name} 不是有效的 JSON：{error}',
    en: 'File {name} is not valid JSON: {error}',
  },
  'legacy.fileNotCollection': {
    zh: '文件 {name} 不是 GeoJSON FeatureCollection（缺少 "type": "FeatureCollection" 或 features 数组）',
    en: 'File {name} is not a GeoJSON FeatureCollection (no "type": "FeatureCollection" or no features array)',
  },
  'legacy.fileUnreadable': { zh: '无法读取文件 {name}', en: 'Could not read file {name}' },
  'legacy.required': { zh: '必填', en: 'Required' },
  'legacy.submit': { zh: '导入', en: 'Import' },
  'legacy.imported': { zh: '已导入图层「{name}」', en: 'Layer “{name}” imported' },
  'legacy.importFailed': { zh: '导入失败', en: 'Import failed' },
  'legacy.featureErrors': {
    zh: '{n} 个要素有误，未导入任何内容',
    en: '{n} features are invalid; nothing was imported',
  },
  'legacy.feature': { zh: '要素序号', en: 'Feature #' },
  'legacy.featureCode': { zh: '编码', en: 'Code' },
  'legacy.errorKind': { zh: '错误', en: 'Error' },
  'legacy.errorMessage': { zh: '说明', en: 'Message' },
  'legacy.mapping': { zh: '网格对照：{name}', en: 'Grid mapping: {name}' },
  'legacy.mappingPick': { zh: '选择一个图层查看网格对照', en: 'Pick a layer to see its grid mapping' },
  'legacy.mappingSearch': { zh: '按社区、网格编码或名称筛选', en: 'Filter by community, grid code or name' },
  'legacy.exportCsv': { zh: '导出 CSV', en: 'Export CSV' },
  'legacy.community': { zh: '社区', en: 'Community' },
  'legacy.gridCode': { zh: '网格编码', en: 'Grid code' },
  'legacy.gridName': { zh: '网格名称', en: 'Grid name' },
  'legacy.overlaps': {
    zh: '重叠的原网格（占本网格 / 占原网格）',
    en: 'Overlapping legacy grids (share of grid / of legacy grid)',
  },
  'legacy.overlapsShort': { zh: '重叠的原网格', en: 'Overlapping legacy grids' },
  'legacy.gridCountShort': { zh: '{n} 个原网格', en: '{n} legacy grids' },
  'legacy.noOverlap': { zh: '无重叠', en: 'No overlap' },
  'legacy.shareOfGrid': { zh: '占本网格 {p}', en: '{p} of the grid' },
  'legacy.shareOfLegacy': { zh: '占原网格 {p}', en: '{p} of the legacy grid' },
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof messages;
export type MessageVars = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const text: string = messages[key][locale];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

const STORAGE_KEY = 'jingzhi.locale';

export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

/** BCP 47 tag for Intl formatting. */
export const localeTag = (locale: Locale): string => (locale === 'zh' ? 'zh-CN' : 'en-US');

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, vars?: MessageVars) => string;
}

export const I18nContext = createContext<I18n>({
  locale: 'zh',
  setLocale: () => undefined,
  t: (key, vars) => translate('zh', key, vars),
});

export const useI18n = (): I18n => useContext(I18nContext);
