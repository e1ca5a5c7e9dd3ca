import {
  type FormEvent,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { CaseFollowResult, LocateResult, Me, PossibleDuplicates } from '#contracts';
import { casesLimits } from '#contracts/limits.ts';
import { ApiError, apiGet, setCsrfToken } from '../app/api.ts';
import { fetchMe, signIn } from '../modules/auth/api/auth.api.ts';
import { fetchPossibleDuplicates, followCase } from '../modules/cases/api/cases.api.ts';
import { categoryMajors, findCategory, KIND_LABELS } from '../modules/cases/catalogue.ts';
import type { LngLat } from '../ui/map/PointMap.tsx';
import { MyReports } from './MyReports.tsx';
import {
  deleteEntry,
  flushOutbox,
  isRetryable,
  listEntries,
  MAX_QUEUED_PHOTO_BYTES,
  newIdempotencyKey,
  type OutboxEntry,
  putEntry,
} from './outbox.ts';
import { shrinkPhoto } from './photos.ts';

/**
 * 随手拍: the phone report page of riders, residents and grid workers on patrol. A separate entry
 * (web/report.html, served at /report.html) with plain CSS and no Ant Design, so that a phone loads
 * little; the Leaflet map is loaded only when the user picks the point by hand.
 */

const MAX_PHOTOS = casesLimits.maxPhotos;
const MAX_DESCRIPTION = casesLimits.maxDescriptionLength;
const MAX_ADDRESS = casesLimits.maxAddressLength;
const MAX_PHOTO_BYTES = casesLimits.maxPhotoBytes;

/** 龙口市 (map start without a point). */
const LONGKOU: LngLat = { lng: 120.4786, lat: 37.6465 };

const PointMap = lazy(() => import('../ui/map/PointMap.tsx'));

type Session =
  | { status: 'loading' }
  | { status: 'signed-out'; message: string | null }
  /** The server cannot be reached: the form still works and queues. */
  | { status: 'offline' }
  | { status: 'signed-in'; me: Me };

interface AppConfig {
  mapTileUrl: string | null;
  mapTileAttribution: string | null;
}

interface Photo {
  blob: Blob;
  url: string;
}

interface Sent {
  key: string;
  trackingCode: string;
  caseId: number;
}

const errorText = (error: unknown): string =>
  error instanceof ApiError
    ? error.status === 0
      ? '无法连接服务器'
      : `${error.message}（${error.code}）`
    : error instanceof Error
      ? error.message
      : String(error);

export function ReportApp() {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [check, setCheck] = useState(0);

  useEffect(() => {
    void check;
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      (me) => {
        setCsrfToken(me.csrfToken);
        setSession({ status: 'signed-in', me });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401)
          setSession({ status: 'signed-out', message: null });
        else setSession({ status: 'offline' });
      },
    );
    return () => controller.abort();
  }, [check]);

  useEffect(() => {
    const recheck = () => setCheck((n) => n + 1);
    window.addEventListener('online', recheck);
    return () => window.removeEventListener('online', recheck);
  }, []);

  return (
    <div className="rp-shell">
      <header className="rp-header">
        <a href="/" className="rp-brand">
          精治
        </a>
        <span className="rp-title">随手拍 · 问题上报</span>
        {session.status === 'signed-in' ? <span className="rp-user">{session.me.displayName}</span> : null}
      </header>
      <main className="rp-main">
        {session.status === 'loading' ? <p className="rp-muted">正在确认登录状态…</p> : null}
        {session.status === 'signed-out' ? (
          <LoginForm
            message={session.message}
            onSignedIn={(me) => {
              setCsrfToken(me.csrfToken);
              setSession({ status: 'signed-in', me });
            }}
          />
        ) : null}
        {session.status === 'offline' || session.status === 'signed-in' ? (
          <ReportTabs signedIn={session.status === 'signed-in'}>
            {(onSent) => (
              <Reporter
                me={session.status === 'signed-in' ? session.me : null}
                onSessionLost={() =>
                  setSession({ status: 'signed-out', message: '登录已失效，请重新登录后发送。' })
                }
                onSent={onSent}
              />
            )}
          </ReportTabs>
        ) : null}
      </main>
    </div>
  );
}

function LoginForm({ message, onSignedIn }: { message: string | null; onSignedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(message);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await signIn({ username, password });
      if (me.mustChangePassword || me.mustSetUpTotp) {
        window.location.assign('/login');
        return;
      }
      onSignedIn(me);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'access.totp_required') {
        window.location.assign('/login');
        return;
      }
      setError(
        caught instanceof ApiError && caught.code === 'access.invalid_credentials'
          ? '用户名或密码错误'
          : errorText(caught),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="rp-card" onSubmit={submit} data-testid="report-login">
      <h1 className="rp-h1">登录后上报</h1>
      <label className="rp-field">
        <span>用户名</span>
        <input
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="report-login-username"
          required
        />
      </label>
      <label className="rp-field">
        <span>密码</span>
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="report-login-password"
          required
        />
      </label>
      {error ? <p className="rp-error">{error}</p> : null}
      <button type="submit" className="rp-primary" disabled={busy} data-testid="report-login-submit">
        {busy ? '正在登录…' : '登录'}
      </button>
    </form>
  );
}

function useAppConfig(): AppConfig {
  const [config, setConfig] = useState<AppConfig>({ mapTileUrl: null, mapTileAttribution: null });
  useEffect(() => {
    apiGet<AppConfig>('/api/app-config').then(setConfig, () => undefined);
  }, []);
  return config;
}

/**
 * 上报问题 | 我的上报 (`#mine`): both stay mounted, so a half-filled report survives a look at the
 * list. Offline (no session) there is only the form.
 */
function ReportTabs({
  signedIn,
  children,
}: {
  signedIn: boolean;
  children: (onSent: () => void) => ReactNode;
}) {
  const [view, setView] = useState(() => (window.location.hash === '#mine' ? 'mine' : 'report'));
  const [sentCount, setSentCount] = useState(0);
  const [awaiting, setAwaiting] = useState(0);
  const onSent = useCallback(() => setSentCount((n) => n + 1), []);
  useEffect(() => {
    const follow = () => setView(window.location.hash === '#mine' ? 'mine' : 'report');
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const mine = signedIn && view === 'mine';
  return (
    <>
      {signedIn ? (
        <nav className="rp-tabs" aria-label="页面">
          <a href="#report" aria-current={mine ? undefined : 'page'} data-testid="report-tab-report">
            上报问题
          </a>
          <a href="#mine" aria-current={mine ? 'page' : undefined} data-testid="report-tab-mine">
            我的上报
            {awaiting > 0 ? (
              <span className="rp-count" title="待评价" data-testid="report-tab-awaiting">
                {awaiting}
              </span>
            ) : null}
          </a>
        </nav>
      ) : null}
      <div hidden={mine}>{children(onSent)}</div>
      {signedIn ? (
        <div hidden={!mine}>
          <MyReports active={mine} refreshKey={sentCount} onAwaiting={setAwaiting} />
        </div>
      ) : null}
    </>
  );
}

function Reporter({
  me,
  onSessionLost,
  onSent,
}: {
  me: Me | null;
  onSessionLost: () => void;
  /** A queued report reached the server. */
  onSent: () => void;
}) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [sent, setSent] = useState<Sent[]>([]);
  const [sending, setSending] = useState(false);
  const [outboxError, setOutboxError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [followed, setFollowed] = useState<CaseFollowResult | null>(null);
  const mayReport = me === null || me.permissions.includes('cases.report');

  const refresh = useCallback(async () => {
    try {
      setEntries(await listEntries());
    } catch (error) {
      setOutboxError(`无法使用本机存储：${errorText(error)}`);
    }
  }, []);

  const flush = useCallback(async () => {
    if (!navigator.onLine) {
      await refresh();
      return;
    }
    setSending(true);
    try {
      const result = await flushOutbox();
      if (result.sent.length > 0) {
        onSent();
        setSent((current) => [
          ...result.sent.map(({ key, detail }) => ({
            key,
            trackingCode: detail.trackingCode,
            caseId: detail.id,
          })),
          ...current,
        ]);
      }
      if (result.retryLater instanceof ApiError && result.retryLater.status === 401) onSessionLost();
      setOutboxError(
        result.retryLater ? `暂未发送：${errorText(result.retryLater)}，网络恢复后自动重试。` : null,
      );
    } finally {
      setSending(false);
      await refresh();
    }
  }, [refresh, onSessionLost, onSent]);

  // Send what an earlier visit left queued, and whatever is queued when the network returns.
  useEffect(() => {
    if (me) void flush();
    else void refresh();
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [me, flush, refresh]);

  const queue = async (entry: OutboxEntry) => {
    await putEntry(entry);
    await refresh();
    if (me) await flush();
  };

  const latest = sent[0];

  return (
    <>
      {followed ? (
        <section className="rp-card rp-success" data-testid="report-followed">
          <h2 className="rp-h2">已关注此问题</h2>
          <p>
            查询码 <strong>{followed.trackingCode}</strong>（案件 {followed.caseId}，{followed.statusLabel}）
          </p>
          <p className="rp-muted">无需重复上报：办理进展会通知您，您也可凭查询码查看。</p>
        </section>
      ) : null}
      {latest ? (
        <section className="rp-card rp-success" data-testid="report-success">
          <h2 className="rp-h2">上报成功</h2>
          <p>
            查询码 <strong data-testid="report-tracking-code">{latest.trackingCode}</strong>
          </p>
          <p className="rp-muted">请保存查询码，凭此查看办理进度。案件编号 {latest.caseId}。</p>
          <a
            className="rp-secondary rp-track-link"
            href={`/track?code=${encodeURIComponent(latest.trackingCode)}`}
            data-testid="report-track-link"
          >
            查看进度
          </a>
          {sent.length > 1 ? (
            <ul className="rp-list" data-testid="report-sent">
              {sent.slice(1).map((s) => (
                <li key={s.key}>
                  查询码 <strong>{s.trackingCode}</strong>（案件 {s.caseId}）
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {entries.length > 0 ? (
        <section className="rp-card rp-outbox" data-testid="report-outbox">
          <h2 className="rp-h2">待发送 ({entries.filter((e) => e.state === 'queued').length})</h2>
          <ul className="rp-list">
            {entries.map((entry) => (
              <li key={entry.key} data-testid={entry.state === 'queued' ? 'report-queued' : 'report-failed'}>
                <span className={entry.state === 'queued' ? 'rp-badge' : 'rp-badge rp-badge-error'}>
                  {entry.state === 'queued' ? '待发送 (queued)' : '发送失败'}
                </span>{' '}
                {findCategory(entry.report.categoryCode)?.name ?? entry.report.categoryCode} ·{' '}
                {entry.photos.length} 张照片
                {entry.error ? <div className="rp-error">{entry.error}</div> : null}
                {entry.state === 'failed' ? (
                  <button
                    type="button"
                    className="rp-link"
                    onClick={() => void deleteEntry(entry.key).then(refresh)}
                  >
                    删除
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="rp-muted">
            {navigator.onLine ? (sending ? '正在发送…' : '') : '当前离线：网络恢复后自动发送，不会重复上报。'}
          </p>
          {outboxError ? <p className="rp-error">{outboxError}</p> : null}
          {me && navigator.onLine && !sending ? (
            <button type="button" className="rp-secondary" onClick={() => void flush()}>
              立即重试
            </button>
          ) : null}
        </section>
      ) : outboxError ? (
        <p className="rp-error">{outboxError}</p>
      ) : null}
      {mayReport ? (
        <ReportForm
          key={formKey}
          me={me}
          onQueued={async (entry) => {
            setFollowed(null);
            await queue(entry);
            setFormKey((k) => k + 1);
          }}
          onFollowed={(result) => {
            setFollowed(result);
            setFormKey((k) => k + 1);
            window.scrollTo({ top: 0 });
          }}
          onSessionLost={onSessionLost}
        />
      ) : (
        <p className="rp-card">您的账号不能上报案件。</p>
      )}
    </>
  );
}

interface ReportFormProps {
  me: Me | null;
  onQueued: (entry: OutboxEntry) => Promise<void>;
  /** The reporter said "me too" to a possible duplicate instead of reporting. */
  onFollowed: (result: CaseFollowResult) => void;
  onSessionLost: () => void;
}

function ReportForm({ me, onQueued, onFollowed, onSessionLost }: ReportFormProps) {
  const config = useAppConfig();
  const majors = categoryMajors();
  const [majorCode, setMajorCode] = useState('');
  const [categoryCode, setCategoryCode] = useState('');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [point, setPoint] = useState<LngLat | null>(null);
  const [pointNote, setPointNote] = useState<string | null>(null);
  const [place, setPlace] = useState<string | null>(null);
  const [showMap, setShowMap] = useState(false);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const major = majors.find((m) => m.code === majorCode);
  const canLocate = me?.permissions.includes('territory.read') ?? false;

  const grouped = useMemo(
    () =>
      (['event', 'component', 'grid_work'] as const).map((kind) => ({
        kind,
        majors: majors.filter((m) => m.kind === kind),
      })),
    [majors],
  );

  // Preview URLs live as long as the form (a removed photo's URL is let go at once).
  const urlsRef = useRef<Set<string>>(new Set());
  useEffect(() => {
    const urls = urlsRef.current;
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, []);

  const locateMe = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setPointNote('此浏览器不能定位，请在地图上点选位置。');
      setShowMap(true);
      return;
    }
    setPointNote('正在定位…');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setPoint({ lng: position.coords.longitude, lat: position.coords.latitude });
        setPointNote(`已定位（精度约 ${Math.round(position.coords.accuracy)} 米）`);
      },
      (failure) => {
        setPointNote(
          failure.code === failure.PERMISSION_DENIED
            ? '未获准定位，请在地图上点选位置。'
            : '定位失败，请在地图上点选位置。',
        );
        setShowMap(true);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }, []);

  // Locate at once when the phone has already allowed it.
  useEffect(() => {
    navigator.permissions?.query({ name: 'geolocation' }).then(
      (status) => {
        if (status.state === 'granted') locateMe();
      },
      () => undefined,
    );
  }, [locateMe]);

  // Which grid the point falls in (for staff who may read the territory).
  useEffect(() => {
    setPlace(null);
    if (!point || !canLocate || !navigator.onLine) return;
    const controller = new AbortController();
    apiGet<LocateResult>('/api/territory/locate', { lng: point.lng, lat: point.lat }, controller.signal).then(
      (located) => setPlace(`${located.community.name} · ${located.grid.name}`),
      (failure: unknown) => {
        if (!controller.signal.aborted && failure instanceof ApiError && failure.status === 404)
          setPlace('此位置不在辖区内');
      },
    );
    return () => controller.abort();
  }, [point, canLocate]);

  const addPhotos = async (files: FileList | null) => {
    if (!files) return;
    setError(null);
    const room = MAX_PHOTOS - photos.length;
    const chosen = Array.from(files).slice(0, room);
    if (files.length > room) setError(`最多 ${MAX_PHOTOS} 张照片`);
    const added: Photo[] = [];
    for (const file of chosen) {
      if (!file.type.startsWith('image/') && file.type !== '') continue;
      const blob = await shrinkPhoto(file);
      if (blob.size > MAX_PHOTO_BYTES) {
        setError('照片过大（每张不超过 10 MB）');
        continue;
      }
      const url = URL.createObjectURL(blob);
      urlsRef.current.add(url);
      added.push({ blob, url });
    }
    setPhotos((current) => [...current, ...added]);
    if (fileRef.current) fileRef.current.value = '';
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!findCategory(categoryCode)) return setError('请选择问题类别（大类和小类）');
    if (!description.trim()) return setError('请描述问题');
    if (!point) return setError('请定位或在地图上点选问题位置');
    if (photos.length < 1) return setError('请至少拍一张照片');
    const bytes = photos.reduce((sum, p) => sum + p.blob.size, 0);
    if (bytes > MAX_QUEUED_PHOTO_BYTES) return setError('照片总量过大，请减少照片');
    setBusy(true);
    try {
      await onQueued({
        key: newIdempotencyKey(),
        createdAt: new Date().toISOString(),
        report: {
          categoryCode,
          description: description.trim(),
          point,
          crs: 'wgs84',
          ...(address.trim() ? { address: address.trim() } : {}),
          anonymous,
        },
        photos: photos.map((p) => p.blob),
        photoIds: [],
        state: 'queued',
        error: null,
      });
    } catch (caught) {
      setError(isRetryable(caught) ? `未能保存：${errorText(caught)}` : errorText(caught));
      setBusy(false);
    }
  };

  return (
    <form className="rp-card rp-form" onSubmit={submit} data-testid="report-form" noValidate>
      <h1 className="rp-h1">发现问题，随手一拍</h1>
      <fieldset className="rp-field">
        <legend>问题类别</legend>
        <div className="rp-row">
          <select
            value={majorCode}
            onChange={(e) => {
              setMajorCode(e.target.value);
              setCategoryCode('');
            }}
            aria-label="大类"
            data-testid="report-category-major"
          >
            <option value="">大类…</option>
            {grouped.map((group) => (
              <optgroup key={group.kind} label={KIND_LABELS[group.kind]}>
                {group.majors.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <select
            value={categoryCode}
            onChange={(e) => setCategoryCode(e.target.value)}
            disabled={!major}
            aria-label="小类"
            data-testid="report-category"
          >
            <option value="">小类…</option>
            {major?.subs.map(([code, name, , urgent]) => (
              <option key={code} value={code}>
                {name}
                {urgent ? '（紧急）' : ''}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <label className="rp-field">
        <span>问题描述</span>
        <textarea
          rows={3}
          maxLength={MAX_DESCRIPTION}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="例如：小区北门外垃圾堆放，已两天无人清理"
          data-testid="report-description"
        />
      </label>
      <fieldset className="rp-field">
        <legend>问题位置</legend>
        <div className="rp-row">
          <button type="button" className="rp-secondary" onClick={locateMe} data-testid="report-locate">
            使用我的位置
          </button>
          <button
            type="button"
            className="rp-secondary"
            onClick={() => setShowMap((v) => !v)}
            data-testid="report-pick-on-map"
          >
            {showMap ? '收起地图' : '在地图上点选'}
          </button>
        </div>
        <p className="rp-muted" data-testid="report-point">
          {point ? `${point.lat.toFixed(6)}, ${point.lng.toFixed(6)}` : '尚未定位'}
          {place ? ` · ${place}` : ''}
          {pointNote ? <span className="rp-note">{pointNote}</span> : null}
        </p>
        {showMap ? (
          <Suspense fallback={<div className="rp-map rp-muted">地图加载中…</div>}>
            <PointMap
              point={point}
              center={point ?? LONGKOU}
              tileUrl={config.mapTileUrl}
              tileAttribution={config.mapTileAttribution}
              onPick={(picked) => {
                setPoint(picked);
                setPointNote('已在地图上点选');
              }}
              className="rp-map"
              testId="report-map"
            />
          </Suspense>
        ) : null}
        <input
          className="rp-input"
          maxLength={MAX_ADDRESS}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="地址补充（选填）"
          aria-label="地址补充"
          data-testid="report-address"
        />
      </fieldset>
      {me && point && findCategory(categoryCode) ? (
        <PossibleDuplicateOffer
          categoryCode={categoryCode}
          point={point}
          onFollowed={onFollowed}
          onSessionLost={onSessionLost}
        />
      ) : null}
      <fieldset className="rp-field">
        <legend>
          现场照片（{photos.length}/{MAX_PHOTOS}）
        </legend>
        <div className="rp-photos">
          {photos.map((photo, index) => (
            <div key={photo.url} className="rp-thumb">
              <img src={photo.url} alt={`照片 ${index + 1}`} />
              <button
                type="button"
                aria-label="删除照片"
                onClick={() => {
                  URL.revokeObjectURL(photo.url);
                  urlsRef.current.delete(photo.url);
                  setPhotos((current) => current.filter((p) => p !== photo));
                }}
              >
                ×
              </button>
            </div>
          ))}
          {photos.length < MAX_PHOTOS ? (
            <label className="rp-thumb rp-add">
              <span>＋ 拍照</span>
              <input
                ref={fileRef}
                type="file"
                accept="image/*"
                capture="environment"
                multiple
                onChange={(e) => void addPhotos(e.target.files)}
                data-testid="report-photos"
              />
            </label>
          ) : null}
        </div>
      </fieldset>
      {me?.role === 'resident' ? (
        <label className="rp-check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          匿名上报（处置人员看不到您的身份，也不邀请您评价）
        </label>
      ) : null}
      {error ? (
        <p className="rp-error" role="alert" data-testid="report-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="rp-primary" disabled={busy} data-testid="report-submit">
        {busy ? '正在提交…' : '提交上报'}
      </button>
      {!navigator.onLine ? (
        <p className="rp-muted">当前离线：提交后先保存在手机上，联网后自动发送。</p>
      ) : null}
    </form>
  );
}

const shortTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/**
 * Possible duplicates (疑似重复) of the report being made: open cases of the chosen category near
 * the point, reported in the last days. "我也遇到" follows one of them instead of making a new case;
 * the reporter then hears of its progress. Quietly absent offline or when the lookup fails.
 */
function PossibleDuplicateOffer({
  categoryCode,
  point,
  onFollowed,
  onSessionLost,
}: {
  categoryCode: string;
  point: LngLat;
  onFollowed: (result: CaseFollowResult) => void;
  onSessionLost: () => void;
}) {
  const [found, setFound] = useState<PossibleDuplicates | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setFound(null);
    setError(null);
    if (!navigator.onLine) return;
    const controller = new AbortController();
    fetchPossibleDuplicates({ categoryCode, lng: point.lng, lat: point.lat }, controller.signal).then(
      setFound,
      () => undefined,
    );
    return () => controller.abort();
  }, [categoryCode, point]);

  if (!found || found.cases.length === 0) return null;

  const meToo = async (caseId: number) => {
    setBusy(caseId);
    setError(null);
    try {
      onFollowed(await followCase(caseId, point));
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) onSessionLost();
      setError(
        caught instanceof ApiError && caught.code === 'cases.not_followable'
          ? '该案件已办结或已合并，请直接上报。'
          : errorText(caught),
      );
      setBusy(null);
    }
  };

  return (
    <section className="rp-dups" data-testid="report-duplicates" aria-live="polite">
      <h2 className="rp-h2">附近已有 {found.cases.length} 件相同问题在办理</h2>
      <p className="rp-muted">
        {found.windowDays} 天内、{found.radiusM}{' '}
        米范围内的同类问题。若是同一问题，点“我也遇到”即可关注进展，无需重复上报。
      </p>
      <ul className="rp-list">
        {found.cases.map((c) => (
          <li key={c.id} className="rp-dup" data-testid="report-duplicate">
            <div className="rp-dup-text">
              <div className="rp-dup-head">
                <span className="rp-badge rp-badge-info">{c.statusLabel}</span> {c.category.name}
              </div>
              <div className="rp-dup-desc">{c.description}</div>
              <div className="rp-muted">
                距此约 {c.distanceM} 米 · {shortTime.format(new Date(c.reportedAt))} 上报
                {c.followers > 0 ? ` · 另有 ${c.followers} 人也遇到` : ''}
              </div>
            </div>
            <button
              type="button"
              className="rp-secondary rp-metoo"
              disabled={busy !== null}
              onClick={() => void meToo(c.id)}
              data-testid={`report-me-too-${c.id}`}
            >
              {busy === c.id ? '正在关注…' : '我也遇到'}
            </button>
          </li>
        ))}
      </ul>
      {error ? <p className="rp-error">{error}</p> : null}
    </section>
  );
}
