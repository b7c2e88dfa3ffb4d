import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any address no other route claims is a proper 404 page.
export async function loader() {
  throw new Response("您要找的页面不存在", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
