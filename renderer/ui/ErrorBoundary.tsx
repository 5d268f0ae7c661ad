// Keeps one broken screen from blanking the whole counter: the shell stays usable.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { storageFault } from '../../shared/db/storageFaults';
import { StorageFaultText } from './StorageFaultText';
import { ErrorView } from './states';

interface Props {
  children: ReactNode;
  /** Change it (e.g. the route) to clear the error. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('screen crashed', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (this.state.error) {
      // A storage fault (the database closed, removed or full under the screen) in words the
      // clerk can act on; anything else by its own message.
      const fault = storageFault(this.state.error);
      return <ErrorView message={fault ? <StorageFaultText fault={fault} /> : this.state.error.message} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
