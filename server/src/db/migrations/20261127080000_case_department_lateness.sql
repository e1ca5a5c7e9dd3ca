-- Cases, scheduled work (issue 4 §4): departments late to acknowledge (报到) or to report back are
-- flagged once per dispatch by the breach job (escalate-breached-cases.service.ts), which urges the
-- case (督办) in the same transaction. A flag set means "already urged for this lateness".
alter table case_department_task add column acknowledge_late_at timestamptz;
alter table case_department_task add column report_back_late_at timestamptz;
create index case_department_task_open_idx on case_department_task (jurisdiction_id, case_id)
  where closed_at is null;
