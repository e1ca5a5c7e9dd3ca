/** Shapes of the generated Longkou demo territory (see generate-longkou.ts). */

/** 分类施治: 老旧型 legacy, 新建型 new-build, 候鸟型 seasonal, 单位型 work-unit. */
export type CommunityKind = 'legacy' | 'new_build' | 'seasonal' | 'work_unit';

export type AreaGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface DemoPlace {
  code: string;
  name: string;
  geometry: AreaGeometry;
}

export interface DemoCommunity extends DemoPlace {
  subdistrictCode: string;
  kind: CommunityKind;
}

export interface DemoGrid extends DemoPlace {
  communityCode: string;
}

export interface DemoUnit extends DemoPlace {
  gridCode: string;
}

export interface DemoBuilding {
  code: string;
  name: string;
  unitCode: string;
  lng: number;
  lat: number;
  floors: number;
  households: number;
}

export interface DemoTerritory {
  /** 370681 龙口市, the whole county outline. */
  jurisdiction: DemoPlace;
  /** The 5 街道, real 9-digit codes. */
  subdistricts: DemoPlace[];
  /** 39 社区, 12-digit codes. */
  communities: DemoCommunity[];
  /** 454 网格, community code + 3 digits. */
  grids: DemoGrid[];
  /** 2229 网格单元, grid code + 3 digits. */
  units: DemoUnit[];
  /** 楼栋, unit code + 2 digits. */
  buildings: DemoBuilding[];
}

export interface DemoLegacyFeature {
  type: 'Feature';
  geometry: AreaGeometry;
  properties: { code: string; name: string };
}

/** One department's old grid layer, before 多网合一 merged them into one. */
export interface DemoLegacyLayer {
  department: string;
  name: string;
  featureCollection: { type: 'FeatureCollection'; features: DemoLegacyFeature[] };
}
