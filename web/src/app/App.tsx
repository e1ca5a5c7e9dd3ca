import { AppLayout } from './AppLayout.tsx';
import { AppProviders } from './providers.tsx';

export function App() {
  return (
    <AppProviders>
      <AppLayout />
    </AppProviders>
  );
}
