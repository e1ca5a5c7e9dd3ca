import { idNumberCheckCharacter } from '../../../platform/personal-data.ts';
import { type Random, randomInt } from '../../territory/demo/random.ts';

/**
 * Made-up but well-formed identities for the demo: Chinese names from common surnames (with the
 * Jiaodong ones: 曲, 隋, 衣, 姜), mobile numbers of real prefixes, and resident ID numbers of
 * Longkou (370681) with a birth date and a valid check digit. Deterministic for a given Random.
 */

/** Longkou's administrative division code: the first six digits of a resident ID issued there. */
export const LONGKOU_DIVISION = '370681';

/** Common surnames, the most frequent first (picked with a bias towards the front). */
const SURNAMES =
  '王张李刘孙杨赵陈徐于姜曲高林宋隋衣吕邹孔郭马周吴黄胡朱何梁郑谢韩唐冯董程曹袁邓许傅沈曾彭苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟'.split(
    '',
  );
const MALE_GIVEN =
  '伟 强 磊 军 勇 杰 涛 斌 超 明 刚 平 辉 鹏 华 飞 鑫 波 宁 健 建国 志强 海涛 学军 永胜 国庆 立新 德福 文博 浩然 子轩 宇航 俊杰 世明 振华 春生'.split(
    ' ',
  );
const FEMALE_GIVEN =
  '芳 敏 静 丽 娟 艳 霞 玲 燕 红 梅 琳 婷 雪 慧 桂兰 秀英 玉珍 淑芬 丽华 红梅 海燕 春燕 晓丽 雅琪 欣怡 梓涵 诗涵 佳怡 雨桐 秀云 凤英 美玲 文静 晓雪'.split(
    ' ',
  );
/** Mobile prefixes in use (China Mobile, Unicom, Telecom). */
const MOBILE_PREFIXES =
  '130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 176 177 178 180 181 182 183 184 185 186 187 188 189 198 199'.split(
    ' ',
  );

export type Gender = 'male' | 'female';

function pick<T>(random: Random, list: readonly T[], bias = 1): T {
  // bias > 1 favours the front of the list (frequent surnames).
  return list[Math.floor(random() ** bias * list.length)] as T;
}

export function randomSurname(random: Random): string {
  return pick(random, SURNAMES, 1.8);
}

export function randomName(random: Random, gender: Gender, surname = randomSurname(random)): string {
  return surname + pick(random, gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
}

/** An 11-digit mobile number of a real prefix, different from every number in `taken`. */
export function randomMobile(random: Random, taken: Set<string>): string {
  for (;;) {
    const number = pick(random, MOBILE_PREFIXES) + String(randomInt(random, 0, 99_999_999)).padStart(8, '0');
    if (!taken.has(number)) {
      taken.add(number);
      return number;
    }
  }
}

/**
 * Resident ID numbers of Longkou: division code, birth date, a 3-digit sequence whose last digit is
 * odd for men and even for women, and the GB 11643 check character. Never the same number twice.
 */
export class IdNumberAllocator {
  private readonly issued = new Map<string, number>();

  next(birth: { year: number; month: number; day: number }, gender: Gender): string {
    const date = `${birth.year}${String(birth.month).padStart(2, '0')}${String(birth.day).padStart(2, '0')}`;
    const count = this.issued.get(date) ?? 0;
    if (count >= 500) throw new Error(`No more demo ID numbers for ${date}`);
    this.issued.set(date, count + 1);
    const sequence = String(count * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
    const first17 = `${LONGKOU_DIVISION}${date}${sequence}`;
    return first17 + idNumberCheckCharacter(first17);
  }
}

/** A birth date in the given year (days 1–28, so every month has it). */
export function randomBirthDate(random: Random, year: number): { year: number; month: number; day: number } {
  return { year, month: randomInt(random, 1, 12), day: randomInt(random, 1, 28) };
}
