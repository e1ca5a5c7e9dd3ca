import type {
  AppointmentStatus,
  ListeningDuty,
  ServiceRequestStatus,
  StewardRequestStatus,
  StewardServiceKind,
} from '#contracts';

/** Chinese labels of the services values (the web takes no contract values but limits and case labels). */
export const STEWARD_KIND_LABELS: Record<StewardServiceKind, string> = {
  purchase: '代购物品',
  errand: '跑腿代办',
  paperwork: '证件代办',
  watch: '邻里守望',
  care: '关爱陪护',
  mediation: '调解劝和',
};
export const STEWARD_STATUS_LABELS: Record<StewardRequestStatus, string> = {
  open: '待接单',
  taken: '办理中',
  done: '已办好，待确认',
  confirmed: '已确认',
  cancelled: '已撤回',
};
export const REQUEST_STATUS_LABELS: Record<ServiceRequestStatus, string> = {
  routed: '已受理转办',
  accepted: '办理中',
  done: '已办结',
  rated: '已评价',
};
export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  no_show: '未到',
  attended: '已到',
};

/** 网格访听12条, in order (the keys of contracts' LISTENING_DUTIES). */
export const LISTENING_DUTY_LABELS: Record<ListeningDuty, string> = {
  family_changes: '家庭成员及变动',
  housing_safety: '房屋安全',
  gas_power_safety: '用电用气安全',
  elderly_health: '老人及病残者身体状况',
  hardship: '困难群众生活',
  neighbour_disputes: '邻里矛盾',
  environment: '环境卫生',
  property_service: '物业服务意见',
  policy_awareness: '政策知晓',
  security_risks: '治安隐患',
  wishes: '诉求与建议',
  volunteering: '志愿服务意愿',
};
export const LISTENING_DUTY_KEYS = Object.keys(LISTENING_DUTY_LABELS) as ListeningDuty[];

export const shanghai = (iso: string | null | undefined): string =>
  iso
    ? new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }).format(new Date(iso))
    : '—';

/** Today's date in Shanghai, YYYY-MM-DD. */
export const shanghaiToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
