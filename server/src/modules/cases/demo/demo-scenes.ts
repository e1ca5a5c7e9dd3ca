import { mulberry32, type Random, randomBetween } from './demo-random.ts';

/**
 * Drawn stand-ins for the demo's photos (现场照片): a flat street or office scene per kind of case,
 * as the reporter found it (`before`) and as the handler left it (`after`). SVG without text (no font
 * is needed to render it), turned into a photo by the same pipeline as an upload. Nobody is drawn:
 * photos of people are personal data.
 */

export type SceneTheme =
  | 'facility' // 公共设施: a manhole
  | 'road' // 道路交通: a pothole
  | 'litter' // 市容环境: rubbish by a bin
  | 'greenery' // 园林绿化: a broken branch
  | 'building' // 房屋土地, 违法违章: a shed built onto a house
  | 'poster' // 宣传广告: small ads stuck on a wall
  | 'construction' // 施工管理: an uncovered pile of earth
  | 'flood' // 突发事件: water on the road
  | 'stall' // 街面秩序: a stall on the pavement
  | 'paperwork' // 矛盾纠纷, 民生服务 …: the record on a desk
  | 'hazard'; // 安全隐患: tangled wires, gas bottles by a door

export type SceneStage = 'before' | 'after';

const THEME_OF_MAJOR: Record<string, SceneTheme> = {
  '1001': 'facility',
  '1002': 'road',
  '1003': 'litter',
  '1004': 'greenery',
  '1005': 'building',
  '2001': 'litter',
  '2002': 'poster',
  '2003': 'construction',
  '2004': 'flood',
  '2005': 'stall',
  W01: 'paperwork',
  W02: 'hazard',
  W03: 'paperwork',
  W04: 'building',
  W05: 'paperwork',
  W06: 'building',
  W07: 'paperwork',
  W08: 'paperwork',
  W09: 'flood',
};

/** The scene for a category class (大类 code); a class added later gets the street with rubbish. */
export function sceneThemeOf(majorCode: string): SceneTheme {
  return THEME_OF_MAJOR[majorCode] ?? 'litter';
}

export const SCENE_THEMES: readonly SceneTheme[] = [...new Set(Object.values(THEME_OF_MAJOR))];

export const SCENE_WIDTH = 960;
export const SCENE_HEIGHT = 720;
/** Where the pavement meets the buildings, and where the road starts. */
const KERB_Y = 430;
const ROAD_Y = 560;

/** The SVG of one scene; `variant` moves the light, the buildings and the object about. */
export function drawScene(theme: SceneTheme, stage: SceneStage, variant: number): string {
  const random = mulberry32(0x5ce9e + variant * 7919 + SCENE_THEMES.indexOf(theme) * 104729);
  const { body, view } =
    theme === 'paperwork'
      ? { body: desk(stage, random), view: `0 0 ${SCENE_WIDTH} ${SCENE_HEIGHT}` }
      : street(theme, stage, random);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SCENE_WIDTH}" height="${SCENE_HEIGHT}" viewBox="${view}">${body}</svg>`;
}

/** A street drawn wide, seen close up around its object (as a phone photo frames the problem). */
function street(theme: SceneTheme, stage: SceneStage, random: Random): { body: string; view: string } {
  const skies = [
    ['#9cc7ea', '#e3f0fa'],
    ['#b9c4cf', '#eef1f4'],
    ['#f2c9a0', '#fbeee0'],
  ] as const;
  const [skyTop, skyBottom] = skies[Math.floor(random() * skies.length)] ?? skies[0];
  const parts = [
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="${skyBottom}"/></linearGradient></defs>`,
    `<rect width="${SCENE_WIDTH}" height="${KERB_Y}" fill="url(#sky)"/>`,
    buildings(random),
    pavement(),
    road(),
  ];
  const x = Math.round(randomBetween(random, 260, 620));
  parts.push(STREET_OBJECTS[theme as Exclude<SceneTheme, 'paperwork'>](stage, x, random));
  const [width, height] = [720, 540];
  const left = Math.min(Math.max(x - width / 2, 0), SCENE_WIDTH - width);
  return { body: parts.join(''), view: `${left} ${SCENE_HEIGHT - height} ${width} ${height}` };
}

function buildings(random: Random): string {
  const colors = ['#d9cbb8', '#c9d3dc', '#e4d9c8', '#cfc6bd', '#d6dde2'];
  let svg = '';
  let x = -20;
  while (x < SCENE_WIDTH) {
    const width = Math.round(randomBetween(random, 150, 260));
    const height = Math.round(randomBetween(random, 200, 360));
    const top = KERB_Y - height;
    const color = colors[Math.floor(random() * colors.length)] ?? '#d9cbb8';
    svg += `<rect x="${x}" y="${top}" width="${width}" height="${height}" fill="${color}" stroke="#a99f94" stroke-width="2"/>`;
    for (let wy = top + 24; wy < KERB_Y - 60; wy += 52) {
      for (let wx = x + 18; wx < x + width - 40; wx += 46) {
        svg += `<rect x="${wx}" y="${wy}" width="26" height="32" fill="#7f98ad" stroke="#eef2f5" stroke-width="3"/>`;
      }
    }
    x += width + Math.round(randomBetween(random, 0, 24));
  }
  return svg;
}

function pavement(): string {
  let svg = `<rect y="${KERB_Y}" width="${SCENE_WIDTH}" height="${ROAD_Y - KERB_Y}" fill="#cfcbc4"/>`;
  for (let x = 0; x < SCENE_WIDTH; x += 80) {
    svg += `<line x1="${x}" y1="${KERB_Y}" x2="${x - 40}" y2="${ROAD_Y}" stroke="#bdb8b0" stroke-width="2"/>`;
  }
  svg += `<line x1="0" y1="${KERB_Y + 64}" x2="${SCENE_WIDTH}" y2="${KERB_Y + 64}" stroke="#bdb8b0" stroke-width="2"/>`;
  return `${svg}<rect y="${ROAD_Y - 10}" width="${SCENE_WIDTH}" height="10" fill="#9d978e"/>`;
}

function road(): string {
  let svg = `<rect y="${ROAD_Y}" width="${SCENE_WIDTH}" height="${SCENE_HEIGHT - ROAD_Y}" fill="#5d6166"/>`;
  for (let x = 20; x < SCENE_WIDTH; x += 140) {
    svg += `<rect x="${x}" y="${ROAD_Y + 82}" width="80" height="10" fill="#e9e5d8"/>`;
  }
  return svg;
}

const cone = (x: number, y: number) =>
  `<polygon points="${x},${y} ${x + 18},${y - 60} ${x + 36},${y}" fill="#f07b1d"/><rect x="${x + 9}" y="${y - 38}" width="18" height="8" fill="#ffffff"/><rect x="${x - 6}" y="${y - 4}" width="48" height="8" fill="#d0661a"/>`;

const STREET_OBJECTS: Record<
  Exclude<SceneTheme, 'paperwork'>,
  (stage: SceneStage, x: number, random: Random) => string
> = {
  facility: (stage, x) => {
    const y = KERB_Y + 80;
    if (stage === 'after')
      return `<ellipse cx="${x}" cy="${y}" rx="70" ry="26" fill="#6b6f74" stroke="#4a4d51" stroke-width="5"/><ellipse cx="${x}" cy="${y}" rx="48" ry="17" fill="none" stroke="#55595e" stroke-width="4"/><ellipse cx="${x}" cy="${y}" rx="24" ry="8" fill="none" stroke="#55595e" stroke-width="4"/>`;
    return `<ellipse cx="${x}" cy="${y}" rx="70" ry="26" fill="#1d1f22"/><polygon points="${x + 20},${y - 8} ${x + 96},${y - 30} ${x + 104},${y - 4} ${x + 30},${y + 14}" fill="#6b6f74" stroke="#4a4d51" stroke-width="4"/>${cone(x - 140, y + 20)}`;
  },
  road: (stage, x) => {
    const y = ROAD_Y + 40;
    if (stage === 'after')
      return `<rect x="${x - 90}" y="${y - 22}" width="180" height="60" fill="#474b50"/><rect x="${x - 90}" y="${y - 22}" width="180" height="60" fill="none" stroke="#3c3f43" stroke-width="3"/>`;
    return `<path d="M${x - 80},${y} q30,-28 80,-20 q60,4 70,26 q-10,30 -70,34 q-60,2 -80,-40z" fill="#2b2d30"/><path d="M${x + 70},${y + 6} l40,-12 l30,20 M${x - 80},${y + 4} l-50,18" stroke="#2b2d30" stroke-width="4" fill="none"/>${cone(x + 170, y + 40)}`;
  },
  litter: (stage, x, random) => {
    const y = KERB_Y + 100;
    const bin = `<rect x="${x + 120}" y="${y - 110}" width="70" height="110" rx="6" fill="#2e8b57"/><rect x="${x + 112}" y="${y - 124}" width="86" height="16" rx="4" fill="#246b44"/>`;
    if (stage === 'after') return bin;
    let bags = '';
    for (let i = 0; i < 5; i++) {
      const bx = x - 60 + i * 44 + randomBetween(random, -8, 8);
      const fill = i % 2 ? '#2a2c30' : '#3f6fb0';
      bags += `<path d="M${bx},${y} q-30,-8 -20,-44 q12,-24 28,-22 l6,-14 l8,14 q22,6 20,30 q2,30 -42,36z" fill="${fill}"/>`;
    }
    let papers = '';
    for (let i = 0; i < 9; i++) {
      const px = x - 160 + randomBetween(random, 0, 420);
      const py = KERB_Y + randomBetween(random, 20, 120);
      papers += `<rect x="${px}" y="${py}" width="18" height="12" fill="#f4f1e8" transform="rotate(${Math.round(randomBetween(random, -40, 40))} ${px} ${py})"/>`;
    }
    return `${bin}<path d="M${x + 116},${y - 124} q30,-30 70,-4" fill="#3f6fb0"/>${bags}${papers}`;
  },
  greenery: (stage, x) => {
    const trunk = `<rect x="${x - 14}" y="${KERB_Y - 60}" width="28" height="170" fill="#7a5230"/>`;
    const crown = `<circle cx="${x}" cy="${KERB_Y - 130}" r="110" fill="#4f9a4a"/><circle cx="${x - 70}" cy="${KERB_Y - 90}" r="70" fill="#5aa655"/><circle cx="${x + 80}" cy="${KERB_Y - 100}" r="72" fill="#468c42"/>`;
    const pit = `<rect x="${x - 60}" y="${KERB_Y + 100}" width="120" height="20" fill="#6e5a44"/>`;
    if (stage === 'after')
      return `${trunk}${crown}${pit}<rect x="${x + 150}" y="${KERB_Y + 40}" width="220" height="60" rx="20" fill="#4f9a4a"/>`;
    return `${trunk}${crown}${pit}<path d="M${x + 40},${KERB_Y - 60} L${x + 180},${KERB_Y + 90}" stroke="#7a5230" stroke-width="16"/><circle cx="${x + 190}" cy="${KERB_Y + 80}" r="46" fill="#6f9f3d"/><circle cx="${x + 140}" cy="${KERB_Y + 50}" r="34" fill="#7fae47"/>`;
  },
  building: (stage, x) => {
    const house = `<rect x="${x - 150}" y="${KERB_Y - 260}" width="300" height="260" fill="#e8e1d5" stroke="#a99f94" stroke-width="3"/><rect x="${x - 40}" y="${KERB_Y - 110}" width="80" height="110" fill="#8a6a4a"/>`;
    if (stage === 'after')
      return `${house}<rect x="${x + 150}" y="${KERB_Y - 8}" width="160" height="8" fill="#a99f94"/>`;
    let ridges = '';
    for (let rx = x + 150; rx < x + 330; rx += 18)
      ridges += `<line x1="${rx}" y1="${KERB_Y - 150}" x2="${rx}" y2="${KERB_Y - 126}" stroke="#1f5c99" stroke-width="4"/>`;
    return `${house}<rect x="${x + 150}" y="${KERB_Y - 130}" width="180" height="130" fill="#c7c2b8" stroke="#8d877d" stroke-width="3"/><polygon points="${x + 140},${KERB_Y - 126} ${x + 340},${KERB_Y - 126} ${x + 330},${KERB_Y - 154} ${x + 150},${KERB_Y - 154}" fill="#2d75bd"/>${ridges}`;
  },
  poster: (stage, x, random) => {
    const wall = `<rect x="${x - 200}" y="${KERB_Y - 240}" width="400" height="240" fill="#ece6dc" stroke="#b8ae9f" stroke-width="3"/>`;
    if (stage === 'after')
      return `${wall}<rect x="${x - 70}" y="${KERB_Y - 200}" width="140" height="100" fill="#ffffff" stroke="#8b6b47" stroke-width="8"/>`;
    const colors = ['#f5d04c', '#e8736b', '#ffffff', '#8fc1e8', '#f29f4b', '#b4e08c'];
    let ads = '';
    for (let i = 0; i < 26; i++) {
      const ax = x - 190 + randomBetween(random, 0, 340);
      const ay = KERB_Y - 230 + randomBetween(random, 0, 190);
      const color = colors[i % colors.length] ?? '#ffffff';
      ads += `<rect x="${ax}" y="${ay}" width="${Math.round(randomBetween(random, 26, 52))}" height="${Math.round(randomBetween(random, 34, 60))}" fill="${color}" stroke="#00000022" transform="rotate(${Math.round(randomBetween(random, -18, 18))} ${ax} ${ay})"/>`;
    }
    return `${wall}${ads}`;
  },
  construction: (stage, x) => {
    let fence = '';
    for (let fx = x - 320; fx < x + 300; fx += 64)
      fence += `<rect x="${fx}" y="${KERB_Y - 110}" width="60" height="110" fill="#2f7fc1" stroke="#ffffff" stroke-width="3"/>`;
    const pile = `<polygon points="${x - 140},${KERB_Y + 110} ${x},${KERB_Y - 10} ${x + 160},${KERB_Y + 110}" fill="#8b6a42"/>`;
    if (stage === 'after') {
      let mesh = '';
      for (let i = -130; i < 160; i += 22)
        mesh += `<line x1="${x + i}" y1="${KERB_Y + 110}" x2="${x + i / 2}" y2="${KERB_Y + 5}" stroke="#2c6b34" stroke-width="2"/>`;
      return `${fence}${pile}<polygon points="${x - 146},${KERB_Y + 112} ${x},${KERB_Y - 16} ${x + 166},${KERB_Y + 112}" fill="#3e8f47" opacity="0.92"/>${mesh}`;
    }
    let tracks = '';
    for (let tx = x - 60; tx < x + 380; tx += 36)
      tracks += `<rect x="${tx}" y="${ROAD_Y + 20 + ((tx / 36) % 2) * 6}" width="22" height="9" fill="#7d6040"/>`;
    return `${fence}${pile}${tracks}`;
  },
  flood: (stage, x) => {
    const drain = `<rect x="${x + 200}" y="${ROAD_Y - 6}" width="70" height="18" fill="#3a3c3f"/><path d="M${x + 208},${ROAD_Y - 6} v18 M${x + 222},${ROAD_Y - 6} v18 M${x + 236},${ROAD_Y - 6} v18 M${x + 250},${ROAD_Y - 6} v18" stroke="#6b6f74" stroke-width="3"/>`;
    if (stage === 'after') return drain;
    return `<path d="M${x - 300},${ROAD_Y + 30} q150,-40 320,-10 q190,20 300,10 q40,60 -20,110 q-300,40 -560,10 q-100,-60 -40,-120z" fill="#6f9fc8" opacity="0.9"/><path d="M${x - 180},${ROAD_Y + 80} q40,-10 80,0 M${x + 20},${ROAD_Y + 110} q50,-12 100,0 M${x + 160},${ROAD_Y + 60} q40,-10 80,0" stroke="#d6e8f5" stroke-width="4" fill="none"/>${drain}<ellipse cx="${x - 40}" cy="${KERB_Y + 90}" rx="120" ry="16" fill="#7ea9cf" opacity="0.8"/>`;
  },
  stall: (stage, x) => {
    if (stage === 'after') {
      let bays = '';
      for (let bx = x - 300; bx < x + 340; bx += 160)
        bays += `<rect x="${bx}" y="${ROAD_Y + 14}" width="150" height="100" fill="none" stroke="#f4f1e8" stroke-width="5"/>`;
      return bays;
    }
    const umbrella = (ux: number, color: string) =>
      `<path d="M${ux - 90},${KERB_Y + 20} q90,-90 180,0z" fill="${color}"/><rect x="${ux - 3}" y="${KERB_Y + 18}" width="6" height="90" fill="#555"/>`;
    let boxes = '';
    for (let i = 0; i < 6; i++)
      boxes += `<rect x="${x - 120 + i * 42}" y="${KERB_Y + 72 - (i % 2) * 30}" width="40" height="34" fill="#c99a5b" stroke="#8e6a3b" stroke-width="2"/>`;
    return `${umbrella(x - 60, '#d94b3d')}${umbrella(x + 150, '#3d7fd9')}<rect x="${x - 140}" y="${KERB_Y + 60}" width="300" height="14" fill="#8e6a3b"/>${boxes}<rect x="${x + 260}" y="${KERB_Y + 30}" width="200" height="70" rx="18" fill="#c0392b"/><circle cx="${x + 300}" cy="${KERB_Y + 104}" r="20" fill="#222"/><circle cx="${x + 420}" cy="${KERB_Y + 104}" r="20" fill="#222"/>`;
  },
  hazard: (stage, x, random) => {
    const pole = `<rect x="${x - 12}" y="${KERB_Y - 300}" width="24" height="410" fill="#8f8a80"/>`;
    const triangle = `<polygon points="${x + 120},${KERB_Y + 100} ${x + 160},${KERB_Y + 30} ${x + 200},${KERB_Y + 100}" fill="#f6c343" stroke="#d03a2b" stroke-width="8"/>`;
    if (stage === 'after')
      return `${pole}<path d="M${x - 300},${KERB_Y - 200} L${x},${KERB_Y - 190} L${x + 320},${KERB_Y - 205}" stroke="#222" stroke-width="5" fill="none"/><rect x="${x - 10}" y="${KERB_Y - 210}" width="20" height="40" fill="#444"/><rect x="${x + 150}" y="${KERB_Y + 20}" width="34" height="80" rx="10" fill="#d0312d"/>`;
    let wires = '';
    for (let i = 0; i < 7; i++) {
      const dy = randomBetween(random, -30, 30);
      wires += `<path d="M${x - 320},${KERB_Y - 200 + dy} q${randomBetween(random, 100, 200)},${randomBetween(random, 60, 160)} 320,${10 - dy} q${randomBetween(random, -60, 60)},${randomBetween(random, 80, 180)} ${randomBetween(random, -40, 40)},${randomBetween(random, 120, 220)}" stroke="#222" stroke-width="4" fill="none"/>`;
    }
    const bottles = [0, 1, 2]
      .map(
        (i) =>
          `<rect x="${x - 220 + i * 44}" y="${KERB_Y + 20}" width="36" height="84" rx="14" fill="#3d6fb5"/><rect x="${x - 210 + i * 44}" y="${KERB_Y + 8}" width="16" height="14" fill="#777"/>`,
      )
      .join('');
    return `${pole}${wires}${bottles}${triangle}`;
  },
};

function desk(stage: SceneStage, random: Random): string {
  const wall = ['#efe9df', '#e6ebef', '#f1e7dc'][Math.floor(random() * 3)] ?? '#efe9df';
  const top = 300;
  const parts = [
    `<rect width="${SCENE_WIDTH}" height="${top}" fill="${wall}"/>`,
    `<rect y="${top}" width="${SCENE_WIDTH}" height="${SCENE_HEIGHT - top}" fill="#a97b50"/>`,
  ];
  for (let y = top + 40; y < SCENE_HEIGHT; y += 70)
    parts.push(
      `<path d="M0,${y} q480,${randomBetween(random, -14, 14)} 960,0" stroke="#96693f" stroke-width="3" fill="none"/>`,
    );
  const px = Math.round(randomBetween(random, 260, 420));
  const paper = (x: number, y: number, angle: number) =>
    `<g transform="rotate(${angle} ${x} ${y})"><rect x="${x}" y="${y}" width="300" height="380" fill="#fbfaf6" stroke="#d9d4c7" stroke-width="2"/>${Array.from(
      { length: 11 },
      (_, i) =>
        `<rect x="${x + 30}" y="${y + 40 + i * 28}" width="${i % 4 === 3 ? 140 : 240}" height="8" fill="#b9b4aa"/>`,
    ).join('')}</g>`;
  if (stage === 'before') {
    parts.push(paper(px - 160, top + 30, -4), paper(px + 150, top + 40, 3));
    parts.push(
      `<rect x="${px + 480}" y="${top + 260}" width="180" height="14" rx="7" fill="#24324a" transform="rotate(-30 ${px + 480} ${top + 260})"/>`,
    );
  } else {
    parts.push(paper(px, top + 20, -2));
    parts.push(
      `<circle cx="${px + 220}" cy="${top + 330}" r="52" fill="none" stroke="#d0312d" stroke-width="9"/><polygon points="${px + 220},${top + 300} ${px + 229},${top + 324} ${px + 254},${top + 324} ${px + 234},${top + 339} ${px + 242},${top + 363} ${px + 220},${top + 348} ${px + 198},${top + 363} ${px + 206},${top + 339} ${px + 186},${top + 324} ${px + 211},${top + 324}" fill="#d0312d"/>`,
      `<rect x="${px + 380}" y="${top + 80}" width="220" height="300" rx="8" fill="#3a6ea5"/>`,
    );
  }
  return parts.join('');
}
