import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/session.server";

// Logging out changes state, so it is a POST; a GET just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return logout(request);
}
