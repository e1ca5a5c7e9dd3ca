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
  'menu.staff': { zh: '人员队伍', en: 'Staff' },
  'menu.residents': { zh: '居民户籍', en: 'Residents' },
  'menu.party': { zh: '党建', en: 'Party structure' },
  'menu.audit': { zh: '审计日志', en: 'Audit log' },
  'menu.me': { zh: '我的信息', en: 'My information' },
  'menu.password': { zh: '修改密码', en: 'Change password' },
  'menu.casesQueue': { zh: '我的案件队列', en: 'My case queue' },
  'menu.casesEscalations': { zh: '上报与派遣', en: 'Escalations and dispatch' },
  'menu.casesInbox': { zh: '部门收件箱', en: 'Department inbox' },
  'menu.casesList': { zh: '案件列表', en: 'Cases' },
  'menu.casesMap': { zh: '案件地图', en: 'Case map' },
  'menu.casesReport': { zh: '随手拍上报', en: 'Report a problem' },
  'notifications.title': { zh: '通知', en: 'Notifications' },
  'notifications.open': { zh: '通知（{count} 条未读）', en: 'Notifications ({count} unread)' },
  'notifications.readAll': { zh: '全部标为已读', en: 'Mark all read' },
  'notifications.markRead': { zh: '标为已读', en: 'Mark read' },
  'notifications.empty': { zh: '暂无通知', en: 'No notifications' },
  'notifications.more': { zh: '加载更多', en: 'Load more' },
  'notifications.failed': {
    zh: '通知加载失败，请稍后重试',
    en: 'Could not load notifications; try again later',
  },
  'notifications.polling': {
    zh: '实时推送暂不可用，每分钟自动刷新。',
    en: 'Live updates are unavailable; refreshing every minute.',
  },
  'menu.casesImport': { zh: '12345工单导入', en: '12345 import' },
  'menu.accBoard': { zh: '挂图作战', en: 'Battle map' },
  'menu.accReport': { zh: '周一报送', en: 'Monday report' },
  'menu.accMeetings': { zh: '调度会', en: 'Dispatch meetings' },
  'menu.accBulletins': { zh: '月通报', en: 'Monthly bulletin' },
  'menu.accFlags': { zh: '季挂牌', en: 'Quarterly flags' },
  'menu.accDuty': { zh: '履职档案', en: 'Duty records' },
  'menu.casesMeasures': { zh: '考核指标', en: 'Measures' },
  'menu.caseCategories': { zh: '案件分类', en: 'Case categories' },
  'menu.calendar': { zh: '工作日历', en: 'Working calendar' },
  'menu.performancePledges': { zh: '承诺践诺', en: 'Pledges' },
  'menu.performanceLiaison': { zh: '挂点联系', en: 'Leader liaison' },
  'menu.performanceReports': { zh: '述职评议', en: 'Half-year reviews' },
  'menu.performanceAssessment': { zh: '双绩效考核', en: 'Performance assessment' },
  'menu.myServices': { zh: '幸福365办事', en: 'Services' },
  'menu.myMatters': { zh: '网格议事', en: 'Grid council' },
  'menu.servicesDesk': { zh: '一窗受理', en: 'One-window desk' },
  'menu.servicesSchedule': { zh: '预约日程', en: 'Appointment schedule' },
  'menu.stewards': { zh: '善治红管家', en: 'Stewards' },
  'menu.deliberation': { zh: '网格善治会', en: 'Grid council workspace' },
  'notFound.title': { zh: '页面不存在', en: 'Page not found' },
  'notFound.back': { zh: '返回首页', en: 'Back to the start page' },
  'noAccess.title': { zh: '无权访问此页面', en: 'You may not open this page' },
  'noAccess.sub': {
    zh: '您的角色没有此页面所需的权限。如需开通，请联系系统管理员。',
    en: 'Your role lacks the permission this page needs. Ask an administrator if you need it.',
  },
  'noPages.title': { zh: '暂无可用功能', en: 'Nothing available yet' },
  'noPages.sub': {
    zh: '您的账号目前没有可访问的页面。如有疑问，请联系社区或系统管理员。',
    en: 'Your account has no pages yet. Ask your community or an administrator.',
  },

  'auth.checking': { zh: '正在确认登录状态…', en: 'Checking your sign-in…' },
  'auth.sessionFailed': { zh: '无法确认登录状态', en: 'Could not check your sign-in' },
  'auth.signOut': { zh: '退出登录', en: 'Sign out' },
  'auth.signedOut': { zh: '已退出登录', en: 'Signed out' },
  'auth.userMenu': { zh: '账号菜单', en: 'Account menu' },
  'auth.wholeCity': { zh: '龙口市（全市）', en: 'Longkou (whole city)' },
  'auth.selfOnly': { zh: '本人信息', en: 'Own records' },
  'auth.sessionEnds': { zh: '本次登录有效期至 {at}', en: 'This session ends at {at}' },

  'login.title': { zh: '登录', en: 'Sign in' },
  'login.welcome': { zh: '龙口市网格化基层治理平台', en: 'Longkou grid-based governance platform' },
  'login.tagline': {
    zh: '一张网格管到底：辖区、队伍、居民与党建，按岗位授权，全程留痕。',
    en: 'One grid for everything: territory, staff, residents and party work — each role sees its own piece, every act is recorded.',
  },
  'login.username': { zh: '用户名', en: 'Username' },
  'login.password': { zh: '密码', en: 'Password' },
  'login.usernameRequired': { zh: '请输入用户名', en: 'Enter your username' },
  'login.passwordRequired': { zh: '请输入密码', en: 'Enter your password' },
  'login.submit': { zh: '登录', en: 'Sign in' },
  'login.failed': { zh: '登录失败', en: 'Sign-in failed' },
  'login.invalid': { zh: '用户名或密码错误，请重新输入。', en: 'Wrong username or password.' },
  'login.locked': {
    zh: '连续登录失败次数过多，账号已临时锁定，请 {m} 分钟后再试。',
    en: 'Too many failed sign-ins: the account is locked. Try again in {m} minutes.',
  },
  'login.lockedShort': {
    zh: '连续登录失败次数过多，账号已临时锁定，请稍后再试。',
    en: 'Too many failed sign-ins: the account is locked for a while.',
  },
  'login.rateLimited': {
    zh: '登录尝试过于频繁，请 {s} 秒后再试。',
    en: 'Too many sign-in attempts from this address. Try again in {s} seconds.',
  },
  'login.rateLimitedShort': {
    zh: '登录尝试过于频繁，请稍后再试。',
    en: 'Too many sign-in attempts from this address. Try again shortly.',
  },
  'login.network': {
    zh: '无法连接服务器，请检查网络后重试。',
    en: 'Cannot reach the server; check the network and try again.',
  },
  'login.other': { zh: '登录失败：{message}', en: 'Sign-in failed: {message}' },
  'login.expired': {
    zh: '登录已失效（超时或已在别处退出），请重新登录。',
    en: 'Your session ended (timed out or signed out elsewhere). Please sign in again.',
  },
  'login.demoTitle': { zh: '演示账号', en: 'Demo accounts' },
  'login.demoHint': {
    zh: '点击任一账号填入用户名。所有演示账号的密码均为',
    en: 'Click an account to fill in its username. Every demo account’s password is',
  },
  'login.demoRole': { zh: '角色', en: 'Role' },
  'login.demoName': { zh: '姓名', en: 'Name' },
  'login.demoScope': { zh: '管辖范围', en: 'Scope' },
  'login.demoUsername': { zh: '用户名', en: 'Username' },
  'login.footer': { zh: '龙口市 · 精治', en: 'Longkou · Jingzhi' },

  'password.title': { zh: '修改密码', en: 'Change password' },
  'password.forced': {
    zh: '首次登录或密码已过期：请先设置新密码，然后才能使用其他功能。',
    en: 'First sign-in or an expired password: set a new password before anything else.',
  },
  'password.current': { zh: '当前密码', en: 'Current password' },
  'password.new': { zh: '新密码', en: 'New password' },
  'password.confirm': { zh: '确认新密码', en: 'Confirm the new password' },
  'password.required': { zh: '必填', en: 'Required' },
  'password.mismatch': { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  'password.submit': { zh: '确认修改', en: 'Change password' },
  'password.done': {
    zh: '密码已修改。其他设备上的登录已全部退出。',
    en: 'Password changed. Every other session of your account has ended.',
  },
  'password.wrongCurrent': { zh: '当前密码不正确', en: 'The current password is wrong' },
  'password.weak': { zh: '新密码不符合以下密码规则：', en: 'The new password breaks these rules:' },
  'password.rulesTitle': { zh: '密码规则', en: 'Password rules' },
  'password.rule.too_short': { zh: '至少 {n} 个字符', en: 'At least {n} characters' },
  'password.rule.too_long': { zh: '不超过 {n} 个字符', en: 'At most {n} characters' },
  'password.rule.too_few_classes': {
    zh: '至少包含大写字母、小写字母、数字、符号中的 {n} 类',
    en: 'At least {n} of: upper-case letters, lower-case letters, digits, symbols',
  },
  'password.rule.too_few_classes_any': {
    zh: '不强制字符类别（等保配置下须包含大写字母、小写字母、数字、符号中的 3 类）',
    en: 'No character classes required (the MLPS profile requires 3 of upper, lower, digit, symbol)',
  },
  'password.rule.common': {
    zh: '不能是常见弱密码（如 12345678、password、qwerty123）',
    en: 'Not a common password (12345678, password, qwerty123…)',
  },
  'password.rule.contains_username': { zh: '不能包含用户名', en: 'Must not contain the username' },
  'password.rule.same_as_current': { zh: '不能与当前密码相同', en: 'Must differ from the current password' },
  'password.rule.expiry': {
    zh: '每 {n} 天须更换一次密码',
    en: 'Must be changed every {n} days',
  },
  'password.tip': {
    zh: '建议使用一句容易记住的长短语：长度比复杂的符号更重要。',
    en: 'A long, memorable phrase is better than a short complicated one: length matters more than symbols.',
  },
  'password.broken': { zh: '未满足', en: 'Not met' },
  'password.back': { zh: '返回', en: 'Back' },

  'login.totp': { zh: '动态验证码', en: 'Authenticator code' },
  'login.totpHint': {
    zh: '该账号已开启两步验证：请输入身份验证器 App 中显示的 6 位动态码。',
    en: 'This account has a second factor: enter the 6-digit code from your authenticator app.',
  },
  'login.totpFormat': { zh: '请输入 6 位数字', en: 'Enter 6 digits' },
  'login.totpInvalid': {
    zh: '动态验证码错误、已过期或已使用过，请输入 App 中最新的验证码。',
    en: 'The code is wrong, expired or already used: enter the current one from the app.',
  },

  'totp.title': { zh: '两步验证', en: 'Two-step verification' },
  'totp.menu': { zh: '两步验证', en: 'Two-step verification' },
  'totp.forced': {
    zh: '管理员账号须先开启两步验证（身份验证器 App 动态码），然后才能使用其他功能。',
    en: 'Administrator accounts must turn on two-step verification (an authenticator app) before anything else.',
  },
  'totp.intro': {
    zh: '开启后，登录时除密码外还须输入身份验证器 App（如 Microsoft Authenticator、Google 身份验证器、腾讯身份验证器）中的 6 位动态码。',
    en: 'Once on, signing in also asks for the 6-digit code of an authenticator app (Microsoft Authenticator, Google Authenticator…).',
  },
  'totp.on': { zh: '两步验证已开启', en: 'Two-step verification is on' },
  'totp.off': { zh: '两步验证未开启', en: 'Two-step verification is off' },
  'totp.start': { zh: '开始设置', en: 'Set up' },
  'totp.step1': {
    zh: '1. 用身份验证器 App 扫描二维码，或手动输入密钥：',
    en: '1. Scan the QR code with the app, or type the key:',
  },
  'totp.step2': {
    zh: '2. 输入 App 中显示的 6 位动态码以确认：',
    en: '2. Enter the 6-digit code the app shows, to confirm:',
  },
  'totp.secret': { zh: '密钥', en: 'Key' },
  'totp.code': { zh: '动态码', en: 'Code' },
  'totp.enable': { zh: '确认开启', en: 'Turn on' },
  'totp.enabled': {
    zh: '两步验证已开启，下次登录时需要输入动态码。',
    en: 'Two-step verification is on: sign-in will ask for a code.',
  },
  'totp.disable': { zh: '关闭两步验证', en: 'Turn off' },
  'totp.disablePassword': { zh: '输入当前密码以关闭', en: 'Enter your password to turn it off' },
  'totp.disabled': { zh: '两步验证已关闭', en: 'Two-step verification is off' },
  'totp.wrongPassword': { zh: '密码不正确', en: 'The password is wrong' },
  'totp.codeInvalid': {
    zh: '动态码错误或已过期，请输入 App 中最新的动态码',
    en: 'The code is wrong or expired: enter the current one',
  },

  'role.admin': { zh: '系统管理员', en: 'Administrator' },
  'role.city_leader': { zh: '市级领导', en: 'City leader' },
  'role.subdistrict_staff': { zh: '街道工作人员', en: 'Subdistrict staff' },
  'role.community_secretary': { zh: '社区书记', en: 'Community secretary' },
  'role.community_staff': { zh: '社区工作人员', en: 'Community staff' },
  'role.grid_worker': { zh: '网格员', en: 'Grid worker' },
  'role.grid_assistant': { zh: '网格助理员', en: 'Grid assistant' },
  'role.part_time_worker': { zh: '兼职网格员', en: 'Part-time grid worker' },
  'role.steward': { zh: '善治红管家', en: 'Steward' },
  'role.department_staff': { zh: '部门工作人员', en: 'Department staff' },
  'role.resident': { zh: '居民', en: 'Resident' },

  'scope.jurisdiction': { zh: '全市', en: 'Whole city' },
  'scope.subdistrict': { zh: '街道', en: 'Subdistrict' },
  'scope.community': { zh: '社区', en: 'Community' },
  'scope.grid': { zh: '网格', en: 'Grid' },
  'scope.building': { zh: '楼栋', en: 'Building' },
  'scope.department': { zh: '部门', en: 'Department' },
  'scope.self': { zh: '本人', en: 'Self' },

  'staffKind.community_worker': { zh: '社区工作者（专职网格员）', en: 'Community worker' },
  'staffKind.property_staff': { zh: '物业工作人员', en: 'Property staff' },
  'staffKind.building_head': { zh: '楼栋长', en: 'Building head' },
  'staffKind.volunteer': { zh: '社区志愿者', en: 'Volunteer' },
  'staffKind.part_time_worker': { zh: '兼职网格员', en: 'Part-time grid worker' },
  'staffKind.steward': { zh: '善治红管家', en: 'Steward' },
  'staffKind.community_secretary': { zh: '社区书记', en: 'Community secretary' },
  'staffKind.community_staff': { zh: '社区工作人员', en: 'Community staff' },
  'staffKind.subdistrict_staff': { zh: '街道工作人员', en: 'Subdistrict staff' },
  'staffKind.department_staff': { zh: '部门工作人员', en: 'Department staff' },
  'staffKind.city_leader': { zh: '市级领导', en: 'City leader' },
  'staffKind.grid_leader': { zh: '网格/楼栋带头人', en: 'Grid / building leader' },

  'tag.elderly_alone': { zh: '独居老人', en: 'Elderly, living alone' },
  'tag.elderly': { zh: '老年人', en: 'Elderly' },
  'tag.disabled': { zh: '残疾人', en: 'Disabled' },
  'tag.low_income': { zh: '低保/低收入', en: 'Low income' },
  'tag.veteran': { zh: '退役军人', en: 'Veteran' },
  'tag.child_left_behind': { zh: '留守儿童', en: 'Left-behind child' },
  'tag.floating': { zh: '流动人口', en: 'Floating population' },
  'tag.key_care': { zh: '重点关爱', en: 'Key care' },

  'people.place': { zh: '辖区', en: 'Place' },
  'people.placeAll': { zh: '全部辖区', en: 'All my places' },
  'people.placePlaceholder': { zh: '选择街道、社区或网格', en: 'Pick a subdistrict, community or grid' },
  'people.name': { zh: '姓名', en: 'Name' },
  'people.phone': { zh: '手机号', en: 'Phone' },
  'people.idNumber': { zh: '身份证号', en: 'ID number' },
  'people.partyMember': { zh: '党员', en: 'Party member' },
  'people.yes': { zh: '是', en: 'Yes' },
  'people.no': { zh: '否', en: 'No' },
  'people.none': { zh: '—', en: '—' },
  'people.reset': { zh: '重置', en: 'Reset' },
  'people.masked': { zh: '已脱敏', en: 'Masked' },
  'people.unmaskedTag': { zh: '完整信息', en: 'Full' },

  'staff.title': { zh: '人员队伍', en: 'Staff' },
  'staff.intro': {
    zh: '社区工作者、网格助理员、兼职网格员、善治红管家等队伍及其定岗网格，按您的管辖范围显示。',
    en: 'Community workers, grid assistants, part-time workers, stewards and others with their postings, within your scope.',
  },
  'staff.kind': { zh: '队伍类别', en: 'Kind' },
  'staff.kindAll': { zh: '全部类别', en: 'All kinds' },
  'staff.search': { zh: '按姓名搜索', en: 'Search by name' },
  'staff.account': { zh: '系统账号', en: 'Account' },
  'staff.postings': { zh: '岗位', en: 'Postings' },
  'staff.noPosting': { zh: '未定岗', en: 'No posting' },
  'staff.since': { zh: '{from} 起', en: 'since {from}' },
  'staff.between': { zh: '{from} 至 {to}', en: '{from} – {to}' },
  'staff.empty': { zh: '没有符合条件的人员', en: 'No staff match' },
  'staff.move': { zh: '调岗', en: 'Move' },
  'staff.moveTitle': { zh: '调整 {name} 的定岗网格', en: 'Move {name} to another place' },
  'staff.moveTo': { zh: '新岗位所在网格', en: 'New place' },
  'staff.moveStarts': { zh: '生效日期', en: 'Starts on' },
  'staff.moveReason': { zh: '调岗原因', en: 'Reason' },
  'staff.moveHint': {
    zh: '调岗在该人员下一次访问时生效，原岗位同日结束；操作将记入审计日志。',
    en: 'Takes effect at the worker’s next request; the old posting ends that day. The move is audited.',
  },
  'staff.moved': { zh: '已调岗', en: 'Moved' },
  'staff.moveDateInvalid': {
    zh: '生效日期须不晚于今天，且不早于当前岗位的开始日期（{date}）。',
    en: 'The new posting must start today or earlier, and not before the current one started ({date}).',
  },
  'staff.summary.communityWorkers': { zh: '社区工作者', en: 'Community workers' },
  'staff.summary.gridAssistants': { zh: '网格助理员', en: 'Grid assistants' },
  'staff.summary.partTimeWorkers': { zh: '兼职网格员', en: 'Part-time workers' },
  'staff.summary.stewards': { zh: '善治红管家', en: 'Stewards' },
  'staff.summary.gridLeaders': { zh: '带头人', en: 'Leaders' },
  'staff.summary.buildingPartyGroups': { zh: '楼栋党小组', en: 'Building party groups' },
  'staff.summary.anchorHouseholds': { zh: '党员中心户', en: 'Anchor households' },
  'staff.summary.residents': { zh: '居民', en: 'Residents' },
  'staff.summary.households': { zh: '户', en: 'Households' },

  'residents.title': { zh: '居民户籍', en: 'Residents and households' },
  'residents.intro': {
    zh: '按姓名、手机号或身份证号查找居民与住户。手机号、身份证号默认脱敏显示；查看完整信息须说明理由，并记入审计日志。',
    en: 'Find residents and households by name, phone or ID number. Phone and ID numbers are masked; seeing one in full needs a stated reason and is audited.',
  },
  'residents.q': { zh: '姓名', en: 'Name' },
  'residents.phoneExact': { zh: '手机号（完整 11 位）', en: 'Phone (all 11 digits)' },
  'residents.idExact': { zh: '身份证号（完整 18 位）', en: 'ID number (all 18 characters)' },
  'residents.tag': { zh: '人群标签', en: 'Tag' },
  'residents.tagAll': { zh: '全部标签', en: 'All tags' },
  'residents.gender': { zh: '性别', en: 'Gender' },
  'residents.male': { zh: '男', en: 'Male' },
  'residents.female': { zh: '女', en: 'Female' },
  'residents.born': { zh: '{year} 年生', en: 'born {year}' },
  'residents.birthYear': { zh: '出生年份', en: 'Year of birth' },
  'residents.tags': { zh: '标签', en: 'Tags' },
  'residents.household': { zh: '住址', en: 'Household' },
  'residents.actions': { zh: '操作', en: 'Actions' },
  'residents.empty': { zh: '没有符合条件的居民', en: 'No resident matches' },
  'residents.phoneInvalid': { zh: '请输入 11 位手机号', en: 'Enter an 11-digit mobile number' },
  'residents.idInvalid': { zh: '请输入 18 位身份证号', en: 'Enter an 18-character ID number' },
  'residents.showHousehold': { zh: '查看住户', en: 'Household' },
  'residents.householdTitle': { zh: '住户 {door}', en: 'Household {door}' },
  'residents.householdCode': { zh: '户编码', en: 'Household code' },
  'residents.members': { zh: '家庭成员', en: 'Members' },
  'residents.grid': { zh: '网格', en: 'Grid' },
  'residents.community': { zh: '社区', en: 'Community' },
  'residents.building': { zh: '楼栋', en: 'Building' },
  'residents.unit': { zh: '网格单元', en: 'Grid unit' },
  'residents.door': { zh: '门牌号', en: 'Door' },

  'unmask.button': { zh: '查看完整信息', en: 'Show in full' },
  'unmask.title': { zh: '查看 {name} 的完整信息', en: 'Show {name}’s details in full' },
  'unmask.explain': {
    zh: '依据《个人信息保护法》，查看完整手机号和身份证号须说明具体理由。本次查看将连同理由记入审计日志，仅对这一条记录生效。',
    en: 'Under the Personal Information Protection Law, seeing a full phone or ID number needs a specific reason. The reason is audited with the view, which applies to this record only.',
  },
  'unmask.reason': { zh: '查看理由', en: 'Reason' },
  'unmask.reasonPlaceholder': {
    zh: '例如：入户走访需电话联系家属',
    en: 'E.g. a home visit: calling the family first',
  },
  'unmask.reasonTooShort': { zh: '请至少填写 {n} 个字', en: 'At least {n} characters' },
  'unmask.confirm': { zh: '确认查看', en: 'Show' },
  'unmask.cancel': { zh: '取消', en: 'Cancel' },
  'unmask.failed': { zh: '无法查看完整信息', en: 'Could not show the details' },
  'unmask.shown': { zh: '已显示完整信息（已记入审计）', en: 'Shown in full (audited)' },
  'unmask.hide': { zh: '隐藏', en: 'Hide' },

  'party.title': { zh: '党建', en: 'Party structure' },
  'party.intro': {
    zh: '选择网格，查看网格党支部、楼栋党小组和党员中心户（党员联四邻）。',
    en: 'Pick a grid to see its party branch, building party groups and anchor households with the neighbours they link.',
  },
  'party.pickGrid': { zh: '选择网格', en: 'Pick a grid' },
  'party.pickGridHint': { zh: '请先在上方选择一个网格', en: 'Pick a grid above first' },
  'party.branch': { zh: '网格党支部', en: 'Grid party branch' },
  'party.noBranch': { zh: '该网格尚未建立党支部', en: 'This grid has no party branch yet' },
  'party.secretary': { zh: '支部书记', en: 'Secretary' },
  'party.groups': { zh: '楼栋党小组', en: 'Building party groups' },
  'party.groupName': { zh: '党小组', en: 'Group' },
  'party.building': { zh: '楼栋', en: 'Building' },
  'party.leader': { zh: '组长', en: 'Leader' },
  'party.members': { zh: '党员数', en: 'Members' },
  'party.noGroups': { zh: '暂无楼栋党小组', en: 'No building party groups' },
  'party.anchors': { zh: '党员中心户', en: 'Anchor households' },
  'party.anchorMember': { zh: '中心户党员', en: 'Member' },
  'party.linked': { zh: '联系 {n} 户', en: 'Links {n} households' },
  'party.noAnchors': { zh: '暂无党员中心户', en: 'No anchor households' },
  'party.counts': {
    zh: '{groups} 个楼栋党小组 · {anchors} 个党员中心户 · 联系 {linked} 户',
    en: '{groups} building groups · {anchors} anchor households · {linked} linked households',
  },

  'audit.title': { zh: '审计日志', en: 'Audit log' },
  'audit.intro': {
    zh: '登录、拒绝访问、查看完整个人信息、导出及每一次修改，均按时间（北京时间）记录，只可追加、不可修改。',
    en: 'Sign-ins, denials, personal-data views, exports and every change, in Beijing time; append-only.',
  },
  'audit.actor': { zh: '操作人', en: 'Actor' },
  'audit.action': { zh: '操作', en: 'Action' },
  'audit.actionPrefix': { zh: '操作类别（前缀）', en: 'Action (prefix)' },
  'audit.subjectType': { zh: '对象类型', en: 'Object type' },
  'audit.subjectId': { zh: '对象编号', en: 'Object id' },
  'audit.subject': { zh: '对象', en: 'Object' },
  'audit.range': { zh: '时间范围（北京时间）', en: 'Time range (Beijing time)' },
  'audit.rangeStart': { zh: '开始时间', en: 'From' },
  'audit.rangeEnd': { zh: '结束时间', en: 'To' },
  'audit.at': { zh: '时间', en: 'Time' },
  'audit.result': { zh: '结果', en: 'Result' },
  'audit.ip': { zh: 'IP 地址', en: 'IP address' },
  'audit.requestId': { zh: '请求编号', en: 'Request id' },
  'audit.details': { zh: '详情', en: 'Details' },
  'audit.noDetails': { zh: '无详情', en: 'No details' },
  'audit.empty': { zh: '没有符合条件的审计记录', en: 'No audit entry matches' },
  'audit.result.ok': { zh: '成功', en: 'OK' },
  'audit.result.denied': { zh: '拒绝', en: 'Denied' },
  'audit.result.failed': { zh: '失败', en: 'Failed' },
  'audit.filter': { zh: '查询', en: 'Filter' },
  'audit.system': { zh: '系统', en: 'System' },
  'audit.prefix.access': { zh: '账号与登录', en: 'Accounts and sign-in' },
  'audit.prefix.territory': { zh: '辖区', en: 'Territory' },
  'audit.prefix.people': { zh: '人员与居民', en: 'Staff and residents' },
  'audit.action.access.sign_in': { zh: '登录', en: 'Sign-in' },
  'audit.action.access.sign_out': { zh: '退出登录', en: 'Sign-out' },
  'audit.action.access.change_password': { zh: '修改密码', en: 'Password change' },
  'audit.action.access.seed_demo_accounts': { zh: '创建演示账号', en: 'Demo accounts seeded' },
  'audit.action.territory.seed_demo': { zh: '导入演示辖区', en: 'Demo territory seeded' },
  'audit.action.territory.import_geojson': { zh: '导入辖区边界', en: 'Boundaries imported' },
  'audit.action.territory.import_legacy_layer': { zh: '导入原网格图层', en: 'Legacy layer imported' },
  'audit.action.territory.create_jurisdiction': { zh: '创建辖区', en: 'Jurisdiction created' },
  'audit.action.access.create_account': { zh: '创建账号', en: 'Account created' },
  'audit.action.access.totp_setup': { zh: '开始设置两步验证', en: 'Two-step set-up started' },
  'audit.action.access.totp_enable': { zh: '开启两步验证', en: 'Two-step verification on' },
  'audit.action.access.totp_disable': { zh: '关闭两步验证', en: 'Two-step verification off' },
  'audit.action.people.unmask_resident': { zh: '查看居民完整信息', en: 'Resident details shown in full' },
  'audit.action.people.export_own_data': { zh: '居民导出本人数据', en: 'Own data exported' },
  'audit.action.people.move_posting': { zh: '人员调岗', en: 'Posting moved' },
  'audit.action.people.create_resident': { zh: '登记居民', en: 'Resident registered' },
  'audit.action.people.seed_demo': { zh: '导入演示人员', en: 'Demo people seeded' },
  'audit.action.people.link_demo_accounts': { zh: '关联演示账号', en: 'Demo accounts linked' },

  'me.title': { zh: '我的信息', en: 'My information' },
  'me.intro': {
    zh: '平台保存的您本人及住户信息。依据《个人信息保护法》，您可以随时导出自己的全部数据。',
    en: 'What the platform holds about you and your household. Under the Personal Information Protection Law you may export all of it.',
  },
  'me.export': { zh: '导出我的数据（JSON）', en: 'Export my data (JSON)' },
  'me.exported': { zh: '已下载 {name}', en: 'Downloaded {name}' },
  'me.exportFailed': { zh: '导出失败', en: 'Export failed' },
  'me.empty': { zh: '平台中暂无您的居民信息', en: 'The platform holds no resident record of yours' },
  'me.record': { zh: '个人信息', en: 'Personal details' },
  'me.householdSection': { zh: '住户信息', en: 'Household' },
  'me.other': { zh: '其他信息', en: 'Other information' },

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

/** Whether the dictionary has a message for a key built at run time (an audit action, a role). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(messages, key);
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
