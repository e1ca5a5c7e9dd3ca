import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseDetail, CaseRating, CaseStatus, CaseSummary } from '#contracts';
import { ApiError } from '../app/api.ts';
import { fetchCase, fetchCases, moveCase, photoUrl, thumbnailUrl } from '../modules/cases/api/cases.api.ts';
import { entryTitle, RATING_LABELS } from '../modules/cases/labels.ts';

/**
 * 我的上报: the reporter's own cases on the phone page, newest first, with their progress, and the
 * rating (满意 / 基本满意 / 不满意) when the fix has been verified and the reporter's rating is
 * awaited. 不满意 sends the case back to be handled again. Plain CSS, no antd (report page budget).
 */

const PAGE_SIZE = 50;
const RATINGS: readonly CaseRating[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const when = (iso: string): string => shanghai.format(new Date(iso));

const errorText = (error: unknown): string =>
  error instanceof ApiError
    ? error.status === 0
      ? '无法连接服务器'
      : `${error.message}（${error.code}）`
    : String(error);

/** The reporter's view of where a case stands. */
function stageOf(status: CaseStatus): { label: string; tone: 'done' | 'wait' | 'work' | 'off' } {
  switch (status) {
    case 'verified':
      return { label: '待您评价', tone: 'wait' };
    case 'rated':
    case 'closed':
      return { label: '已办结', tone: 'done' };
    case 'rejected':
    case 'merged':
      return { label: status === 'rejected' ? '不予受理' : '已合并', tone: 'off' };
    case 'reported':
      return { label: '待受理', tone: 'work' };
    default:
      return { label: '办理中', tone: 'work' };
  }
}

/** Whether the case waits for this reporter's rating (the server's allowed moves say so). */
const awaitsRating = (detail: CaseDetail | undefined): boolean =>
  detail?.allowedEvents.includes('rate') ?? false;

interface MyReportsProps {
  /** The tab is shown: reload when it becomes visible. */
  active: boolean;
  /** Changes when a new report was sent. */
  refreshKey: number;
  /** How many cases wait for a rating (for the tab's badge). */
  onAwaiting: (count: number) => void;
}

export function MyReports({ active, refreshKey, onAwaiting }: MyReportsProps) {
  const [page, setPage] = useState<{ total: number; cases: CaseSummary[] } | null>(null);
  const [details, setDetails] = useState<Map<number, CaseDetail>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const loadedRef = useRef(false);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoading(true);
      try {
        const loaded = await fetchCases(
          { mine: true, sort: 'newest' },
          { limit: PAGE_SIZE, offset: 0 },
          signal,
        );
        // A verified case may wait for this reporter's rating: its moves tell.
        const verified = await Promise.all(
          loaded.cases.filter((c) => c.status === 'verified').map((c) => fetchCase(c.id, signal)),
        );
        if (signal?.aborted) return;
        loadedRef.current = true;
        setPage(loaded);
        setDetails((current) => {
          const next = new Map(current);
          for (const detail of verified) next.set(detail.id, detail);
          return next;
        });
        setError(null);
        onAwaiting(verified.filter(awaitsRating).length);
      } catch (caught) {
        if (!signal?.aborted) setError(errorText(caught));
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [onAwaiting],
  );

  // Load once at once (for the badge), then whenever the tab opens or a report was sent.
  useEffect(() => {
    void refreshKey;
    if (!active && loadedRef.current) return;
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [active, refreshKey, load]);

  const replaced = (detail: CaseDetail) => {
    setDetails((current) => new Map(current).set(detail.id, detail));
    void load();
  };

  return (
    <section data-testid="my-reports" aria-busy={loading}>
      <div className="rp-my-head">
        <h1 className="rp-h1">我的上报</h1>
        <button
          type="button"
          className="rp-link"
          onClick={() => void load()}
          disabled={loading}
          data-testid="my-reports-reload"
        >
          {loading ? '刷新中…' : '刷新'}
        </button>
      </div>
      {error ? <p className="rp-error">{error}</p> : null}
      {page && page.cases.length === 0 ? <p className="rp-card rp-muted">还没有上报过问题。</p> : null}
      {page?.cases.map((summary) => (
        <MyCase key={summary.id} summary={summary} detail={details.get(summary.id)} onDetail={replaced} />
      ))}
      {page && page.total > page.cases.length ? (
        <p className="rp-muted">
          仅显示最近 {page.cases.length} 件（共 {page.total} 件）。
        </p>
      ) : null}
    </section>
  );
}

function MyCase({
  summary,
  detail,
  onDetail,
}: {
  summary: CaseSummary;
  detail: CaseDetail | undefined;
  onDetail: (detail: CaseDetail) => void;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stage = stageOf(summary.status);
  const rating = awaitsRating(detail) && detail?.version === summary.version ? detail : null;

  const toggle = async () => {
    const opening = !open;
    setOpen(opening);
    if (!opening || (detail && detail.version === summary.version)) return;
    try {
      onDetail(await fetchCase(summary.id));
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <article
      className={`rp-card rp-case rp-case-${stage.tone}`}
      data-testid={`my-case-${summary.id}`}
      data-status={summary.status}
    >
      <button
        type="button"
        className="rp-case-head"
        onClick={() => void toggle()}
        aria-expanded={open}
        data-testid="my-case-toggle"
      >
        <span className="rp-case-title">
          {summary.category.majorName} · {summary.category.name}
        </span>
        <span className={`rp-stage rp-stage-${stage.tone}`} data-testid="my-case-stage">
          {stage.label}
        </span>
        <span className="rp-case-desc">{summary.description}</span>
        <span className="rp-muted rp-case-meta">
          {when(summary.reportedAt)} 上报 · 查询码 {summary.trackingCode} · {summary.statusLabel}
        </span>
      </button>
      {rating ? <RatingBox detail={rating} onRated={onDetail} /> : null}
      {error ? <p className="rp-error">{error}</p> : null}
      {open && detail ? <Progress detail={detail} /> : null}
    </article>
  );
}

function RatingBox({ detail, onRated }: { detail: CaseDetail; onRated: (detail: CaseDetail) => void }) {
  const [choice, setChoice] = useState<CaseRating | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      const text = comment.trim();
      onRated(
        await moveCase(detail.id, detail.version, {
          type: 'rate',
          rating: choice,
          ...(text ? { comment: text } : {}),
        }),
      );
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === 'cases.conflict'
          ? '案件状态已变化，请刷新后再评价'
          : errorText(caught),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rp-rate" data-testid="my-case-rate">
      <p className="rp-rate-ask">问题已处置并经网格员核查，您对处理结果满意吗？</p>
      <div className="rp-rate-choices">
        {RATINGS.map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={choice === value}
            className={choice === value ? `rp-rate-choice rp-rate-${value} is-chosen` : 'rp-rate-choice'}
            onClick={() => setChoice(value)}
            data-testid={`my-case-rate-${value}`}
          >
            {RATING_LABELS[value]}
          </button>
        ))}
      </div>
      {choice ? (
        <>
          <textarea
            rows={2}
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={
              choice === 'dissatisfied' ? '哪里不满意？（选填，案件将重新办理）' : '评价意见（选填）'
            }
            aria-label="评价意见"
            data-testid="my-case-rate-comment"
          />
          <button
            type="button"
            className="rp-primary"
            disabled={busy}
            onClick={() => void submit()}
            data-testid="my-case-rate-submit"
          >
            {busy
              ? '正在提交…'
              : choice === 'dissatisfied'
                ? '提交：不满意，重新办理'
                : `提交：${RATING_LABELS[choice]}`}
          </button>
        </>
      ) : null}
      {error ? <p className="rp-error">{error}</p> : null}
    </div>
  );
}

/** The case's timeline as its reporter sees it: each step, when, its note and photos. */
function Progress({ detail }: { detail: CaseDetail }) {
  return (
    <ol className="rp-progress" data-testid="my-case-progress">
      {[...detail.timeline].reverse().map((entry) => (
        <li key={entry.id} data-event={entry.event}>
          <div>
            <strong>{entryTitle(entry, detail.rating)}</strong>{' '}
            <span className="rp-muted">{when(entry.at)}</span>
          </div>
          {entry.note ? <div className="rp-progress-note">{entry.note}</div> : null}
          {entry.photoIds.length > 0 ? (
            <div className="rp-progress-photos">
              {entry.photoIds.map((id) => (
                <a key={id} href={photoUrl(id)} target="_blank" rel="noreferrer">
                  <img src={thumbnailUrl(id)} alt="照片" loading="lazy" />
                </a>
              ))}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
