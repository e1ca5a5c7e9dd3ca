import { CaseQueue } from '../../modules/cases/index.ts';

/** `/cases/queue`: the grid worker's queue (cases of their grid that wait for the grid, rated ones to close). */
export function MyQueuePage() {
  return (
    <div className="jz-page">
      <CaseQueue
        title="我的案件队列"
        description="本网格待受理、处置、核查和结案的案件，按时限先后排列（红灯已超时，黄灯临近时限）。"
        preset={{
          status: [
            'reported',
            'accepted',
            'in_progress',
            'reopened',
            'resolved_by_grid',
            'reported_back',
            'verified',
            'rated',
          ],
        }}
      />
    </div>
  );
}

/** `/cases/escalations`: community and subdistrict staff: what the grids called up, to dispatch. */
export function EscalationsPage() {
  return (
    <div className="jz-page">
      <CaseQueue
        title="上报与派遣"
        description="网格上报（吹哨）到社区、街道的案件：派遣至责任部门、继续上报或退回网格。"
        preset={{ status: ['escalated_community', 'escalated_subdistrict'] }}
      />
    </div>
  );
}

/** `/cases/inbox`: department staff: cases dispatched to the department, to acknowledge and report back. */
export function DepartmentInboxPage() {
  return (
    <div className="jz-page">
      <CaseQueue
        title="部门收件箱"
        description="派遣至本部门的案件：按时限报到（签收），处置后附照片反馈。"
        preset={{ status: ['dispatched', 'acknowledged'] }}
      />
    </div>
  );
}
