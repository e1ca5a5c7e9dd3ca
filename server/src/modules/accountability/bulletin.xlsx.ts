import ExcelJS from 'exceljs';
import type { Bulletin } from '#contracts/accountability-dispatch.ts';
import { CATEGORY_LABELS } from './bulletin.ts';

/**
 * The bulletin as an Excel workbook, the same rows as the page: 按单位 (per unit), 按任务 (per task)
 * and 本月变化 (the month's changes). The first row of each sheet is the header.
 */

export const UNIT_SHEET = '按单位';
export const TASK_SHEET = '按任务';
export const CHANGE_SHEET = '本月变化';

export async function bulletinWorkbook(bulletin: Bulletin): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '精治';
  workbook.created = new Date(bulletin.generatedAt);
  const title = `${bulletin.month} 月通报${bulletin.status === 'draft' ? '（草稿）' : ''}`;

  const units = workbook.addWorksheet(UNIT_SHEET);
  units.columns = [
    { header: '牵头单位', key: 'unit', width: 28 },
    { header: '任务数', key: 'tasks', width: 8 },
    { header: '已完成', key: 'done', width: 8 },
    { header: '正常推进', key: 'onTrack', width: 10 },
    { header: '滞后', key: 'late', width: 8 },
    { header: '未报送', key: 'notReported', width: 8 },
    { header: '点评', key: 'remark', width: 40 },
  ];
  for (const u of bulletin.units)
    units.addRow({
      unit: u.departmentName,
      tasks: u.tasks,
      done: u.done,
      onTrack: u.onTrack,
      late: u.late,
      notReported: u.notReported,
      remark: u.remark,
    });

  const tasks = workbook.addWorksheet(TASK_SHEET);
  tasks.columns = [
    { header: '任务', key: 'title', width: 40 },
    { header: '牵头单位', key: 'unit', width: 28 },
    { header: '责任人', key: 'person', width: 24 },
    { header: '状态', key: 'category', width: 10 },
    { header: '进度%', key: 'progress', width: 8 },
    { header: '滞后节点', key: 'late', width: 40 },
    { header: '未报送周次', key: 'missed', width: 30 },
  ];
  for (const t of bulletin.tasks)
    tasks.addRow({
      title: t.title,
      unit: t.departmentName,
      person: t.responsiblePerson,
      category: CATEGORY_LABELS[t.category],
      progress: t.progress,
      late: t.lateMilestones.join('；'),
      missed: t.missedWeeks.join('、'),
    });

  const changes = workbook.addWorksheet(CHANGE_SHEET);
  changes.columns = [
    { header: '日期', key: 'on', width: 12 },
    { header: '任务', key: 'title', width: 40 },
    { header: '牵头单位', key: 'unit', width: 28 },
    { header: '变化', key: 'text', width: 40 },
  ];
  for (const c of bulletin.changes)
    changes.addRow({ on: c.on ?? '', title: c.title, unit: c.departmentName, text: c.text });

  for (const sheet of [units, tasks, changes]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.headerFooter.oddHeader = title;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
