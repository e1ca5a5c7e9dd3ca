import { type FormEvent, lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { PublicCaseTracking } from '#contracts';
import { PUBLIC_STATUS_GROUP_LABELS } from '#contracts/case-labels.ts';
import { ApiError } from '../app/api.ts';
import { formatTime, GROUP_COLORS } from './labels.ts';
import { fetchTracking } from './public.api.ts';

/**
 * 查询进度: anyone with a tracking code follows their case — status, category, grid, times and each
 * step with the kind of office that made it; and the public map of cases per grid. A separate light
 * entry (web/track.html, served at /track) with plain CSS and no Ant Design; the Leaflet map loads
 * only when its tab is opened. The server sends nothing personal; this page shows what it gets.
 */

const PublicMap = lazy(() => import('./PublicMap.tsx'));

type View = 'track' | 'map';

function readUrl(): { code: string; view: View } {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code') ?? '';
  const view: View = params.get('view') === 'map' || window.location.hash === '#map' ? 'map' : 'track';
  return { code, view };
}

function writeUrl(code: string, view: View): void {
  const params = new URLSearchParams();
  if (code) params.set('code', code);
  if (view === 'map') params.set('view', 'map');
  const search = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
}

type Lookup =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'found'; tracked: PublicCaseTracking }
  | { state: 'not-found' }
  | { state: 'error'; message: string };

export function TrackApp() {
  const initial = useRef(readUrl()).current;
  const [view, setView] = useState<View>(initial.view);
  const [code, setCode] = useState(initial.code);
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });

  const search = useCallback(async (typed: string) => {
    const trimmed = typed.trim();
    if (!trimmed) return;
    setLookup({ state: 'loading' });
    writeUrl(trimmed, 'track');
    try {
      setLookup({ state: 'found', tracked: await fetchTracking(trimmed) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setLookup({ state: 'not-found' });
      else if (error instanceof ApiError && error.status === 429)
        setLookup({ state: 'error', message: `查询过于频繁，请 ${error.retryAfterS ?? 60} 秒后再试。` });
      else if (error instanceof ApiError && error.status === 0)
        setLookup({ state: 'error', message: '无法连接服务器，请检查网络后重试。' });
      else setLookup({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  // A code in the link (from the report page's success screen): look it up at once.
  useEffect(() => {
    if (initial.code && initial.view === 'track') void search(initial.code);
  }, [initial, search]);

  const show = (next: View) => {
    setView(next);
    writeUrl(next === 'track' ? code.trim() : '', next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(code);
  };

  return (
    <div className="tk-shell">
      <header className="tk-header">
        <a href="/" className="tk-brand">
          精治
        </a>
        <span className="tk-title">案件公开查询</span>
        <a href="/report" className="tk-header-link">
          随手拍
        </a>
      </header>
      <nav className="tk-tabs" aria-label="视图">
        <button
          type="button"
          className={view === 'track' ? 'tk-tab tk-tab-active' : 'tk-tab'}
          aria-pressed={view === 'track'}
          onClick={() => show('track')}
          data-testid="track-tab-lookup"
        >
          查询进度
        </button>
        <button
          type="button"
          className={view === 'map' ? 'tk-tab tk-tab-active' : 'tk-tab'}
          aria-pressed={view === 'map'}
          onClick={() => show('map')}
          data-testid="track-tab-map"
        >
          公开地图
        </button>
      </nav>
      <main className="tk-main">
        {view === 'track' ? (
          <>
            <form className="tk-card" onSubmit={submit} data-testid="track-form">
              <h1 className="tk-h1">查询办理进度</h1>
              <label className="tk-field">
                <span>查询码</span>
                <div className="tk-row">
                  <input
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                    placeholder="上报成功后得到的 10 位查询码"
                    autoCapitalize="characters"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={40}
                    inputMode="text"
                    data-testid="track-code"
                  />
                  <button
                    type="submit"
                    className="tk-primary"
                    disabled={lookup.state === 'loading'}
                    data-testid="track-submit"
                  >
                    {lookup.state === 'loading' ? '查询中…' : '查询'}
                  </button>
                </div>
              </label>
              {lookup.state === 'not-found' ? (
                <p className="tk-error" role="alert" data-testid="track-not-found">
                  没有找到这个查询码对应的案件，请核对后重试（字母不区分大小写）。
                </p>
              ) : null}
              {lookup.state === 'error' ? (
                <p className="tk-error" role="alert">
                  {lookup.message}
                </p>
              ) : null}
            </form>
            {lookup.state === 'found' ? <TrackedCase tracked={lookup.tracked} /> : null}
            <p className="tk-muted tk-privacy">
              为保护隐私，公开查询不显示上报人、问题描述、照片和具体位置，办理人员只显示所属单位类别。
            </p>
          </>
        ) : (
          <Suspense fallback={<div className="tk-card tk-muted">地图加载中…</div>}>
            <PublicMap />
          </Suspense>
        )}
      </main>
    </div>
  );
}

function TrackedCase({ tracked }: { tracked: PublicCaseTracking }) {
  const group = tracked.statusGroup;
  const color = group ? GROUP_COLORS[group] : '#6b7280';
  return (
    <section className="tk-card tk-result" style={{ borderLeftColor: color }} data-testid="track-result">
      <div className="tk-status">
        <span className="tk-status-label" style={{ color }} data-testid="track-status">
          {tracked.statusLabel}
        </span>
        {group ? (
          <span className="tk-chip" style={{ color, borderColor: color }}>
            {PUBLIC_STATUS_GROUP_LABELS[group]}
          </span>
        ) : null}
      </div>
      <dl className="tk-facts">
        <dt>查询码</dt>
        <dd className="tk-code">{tracked.trackingCode}</dd>
        <dt>问题类别</dt>
        <dd>
          {tracked.category.majorName} / {tracked.category.name}
        </dd>
        <dt>所在网格</dt>
        <dd>
          {tracked.community.name} · {tracked.grid.name}
        </dd>
        <dt>上报时间</dt>
        <dd>{formatTime(tracked.reportedAt)}</dd>
        <dt>最近更新</dt>
        <dd>{formatTime(tracked.updatedAt)}</dd>
        {tracked.closedAt ? (
          <>
            <dt>结案时间</dt>
            <dd>{formatTime(tracked.closedAt)}</dd>
          </>
        ) : null}
      </dl>
      <h2 className="tk-h2">办理过程</h2>
      <ol className="tk-timeline" data-testid="track-timeline">
        {tracked.timeline.map((entry, index) => (
          <li
            key={`${entry.at}-${entry.event}-${entry.from ?? ''}-${entry.to}`}
            className={index === tracked.timeline.length - 1 ? 'tk-latest' : ''}
          >
            <div className="tk-step">
              <strong>{entry.eventLabel}</strong>
              <span className="tk-actor">{entry.actor}</span>
            </div>
            <div className="tk-muted">
              {formatTime(entry.at)}
              {entry.fromLabel && entry.fromLabel !== entry.toLabel
                ? ` · ${entry.fromLabel} → ${entry.toLabel}`
                : ` · ${entry.toLabel}`}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
