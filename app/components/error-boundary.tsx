import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Link } from "~/components/link";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "请求有误", body: "提交的内容无法处理，请检查后重试。" },
  403: { title: "没有权限", body: "您的账号没有访问此页面的权限。" },
  404: { title: "页面不存在", body: "您要找的页面不存在，可能已下架或地址有误。" },
  413: { title: "提交的内容过大", body: "提交的内容超过上限，未被处理。" },
  429: { title: "操作过于频繁", body: "请稍后再试。" },
};

/** One boundary for every route: known HTTP errors get a friendly page, anything else a 500 page. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  let status = 500;
  let detail: string | null = null;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    detail = typeof error.data === "string" && error.data.length < 200 ? error.data : null;
  }
  const message = MESSAGES[status] ?? { title: "服务暂时出错", body: "我们已记录这个问题，请稍后再试。" };
  if (status >= 500 && typeof document === "undefined") console.error(error);
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-5xl font-bold text-brand-600">{status}</p>
      <h1 className="mt-4 text-2xl font-semibold">{message.title}</h1>
      <p className="mt-2 text-stone-600">{detail && status < 500 ? detail : message.body}</p>
      <Link to="/" className="mt-6 inline-block text-brand-600 underline">
        返回首页
      </Link>
    </div>
  );
}
