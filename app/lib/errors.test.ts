import { describe, expect, it } from "vitest";
import { ConflictError, DomainError, errorResponse, NotFoundError, throwAsResponse } from "~/lib/errors";

describe("one way to fail", () => {
  it("answers with the error's status, its message under its field (or 'form'), and what the route adds", async () => {
    const sold = errorResponse(new ConflictError("已售罄"), { values: { qty: "3" } });
    expect(sold.status).toBe(409);
    expect(await sold.json()).toEqual({ error: "已售罄", errors: { form: "已售罄" }, values: { qty: "3" } });

    const taken = errorResponse(new ConflictError("该邮箱已注册", "email"), {}, { field: "members" });
    expect(await taken.json()).toEqual({ error: "该邮箱已注册", errors: { email: "该邮箱已注册" } });

    const placed = errorResponse(new DomainError("不能移除自己"), {}, { field: "members", headers: { "Cache-Control": "no-store" } });
    expect(placed.status).toBe(400);
    expect(placed.headers.get("Cache-Control")).toBe("no-store");
    expect((await placed.json()).errors).toEqual({ members: "不能移除自己" });
  });

  it("leaves anything that is not a domain error to the error boundary", () => {
    const bug = new TypeError("x is undefined");
    expect(() => errorResponse(bug)).toThrow(bug);
    expect(() => throwAsResponse(bug)).toThrow(bug);
    const thrown = (() => {
      try {
        throwAsResponse(new NotFoundError("订单不存在"));
      } catch (response) {
        return response;
      }
    })();
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});
