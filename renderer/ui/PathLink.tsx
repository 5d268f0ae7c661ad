// A link to an absolute app path that does not re-render on navigation. React Router's Link
// reads the location (to resolve relative paths), so every navigation re-rendered each one,
// memoised parents or not, and each asked document.querySelector('base') for its href: ~6 ms
// of a scanned label's frame with the menu's links. A plain left click navigates in the app
// as Link does (replacing the entry when it is the current one); other clicks are the browser's.
import { forwardRef, useCallback, useContext, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { createPath, UNSAFE_DataRouterContext } from 'react-router-dom';

export interface PathLinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  /** An absolute path in the app, e.g. `/boards` or `/labels?order=1`. */
  to: string;
}

export const PathLink = forwardRef<HTMLAnchorElement, PathLinkProps>(function PathLink({ to, onClick, target, ...rest }, ref) {
  // The router itself, not its state: this context does not change on navigation.
  const router = useContext(UNSAFE_DataRouterContext)?.router;
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || !router || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    if (target && target !== '_self') return;
    event.preventDefault();
    void router.navigate(to, { replace: createPath(router.state.location) === to });
  };
  return <a ref={ref} href={`#${to}`} target={target} onClick={follow} {...rest} />;
});

/** Navigates to an absolute app path, without re-rendering on navigation as useNavigate does
 *  (it reads the route context): for components that stay mounted while labels are scanned. */
export function useAppNavigate(): (to: string) => void {
  const router = useContext(UNSAFE_DataRouterContext)?.router;
  return useCallback((to: string) => void router?.navigate(to), [router]);
}
