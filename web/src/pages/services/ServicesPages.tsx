import {
  OneWindowDesk,
  ResidentServices,
  SiteSchedulePage,
  StewardBoard,
} from '../../modules/services/index.ts';

/** `/my/services`: a resident's services on the phone. */
export function MyServicesPage() {
  return (
    <div className="jz-page">
      <ResidentServices />
    </div>
  );
}

/** `/services/desk`: the one-window desk. */
export function DeskPage() {
  return (
    <div className="jz-page">
      <OneWindowDesk />
    </div>
  );
}

/** `/services/schedule`: a centre's day. */
export function SchedulePage() {
  return (
    <div className="jz-page">
      <SiteSchedulePage />
    </div>
  );
}

/** `/stewards`: the steward board (and a steward's own work and visits). */
export function StewardsPage() {
  return (
    <div className="jz-page">
      <StewardBoard />
    </div>
  );
}
