import { Link } from "~/components/link";
import type { ReactNode } from "react";
import type { StoreContact } from "~/models/store/contact.server";

// The frame shared by 关于我们, 用户协议 and 隐私政策: a readable column, numbered sections and the
// ways to reach a person at the end.

export function LegalPage(props: { title: string; lead?: ReactNode; contact: StoreContact; operator: string; contactNote?: ReactNode; children: ReactNode }) {
  return (
    <article className="mx-auto max-w-3xl space-y-6 px-4 py-8 leading-7 text-stone-800">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{props.title}</h1>
        {props.lead ? <div className="text-sm text-stone-600">{props.lead}</div> : null}
      </header>
      {props.children}
      <Section title="联系我们">
        {props.contactNote}
        <ContactBlock contact={props.contact} operator={props.operator} />
      </Section>
    </article>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function ContactBlock({ contact, operator }: { contact: StoreContact; operator: string }) {
  return (
    <dl className="grid grid-cols-[5rem_1fr] gap-y-1 rounded border border-stone-200 bg-white p-4 text-sm">
      <dt className="text-stone-500">运营方</dt>
      <dd>{operator}</dd>
      <dt className="text-stone-500">客服热线</dt>
      <dd>
        <a href={`tel:${contact.hotline.replace(/[^\d+]/g, "")}`} className="underline underline-offset-2">
          {contact.hotline}
        </a>
        （{contact.hours}）
      </dd>
      <dt className="text-stone-500">客服邮箱</dt>
      <dd>
        <a href={`mailto:${contact.email}`} className="underline underline-offset-2">
          {contact.email}
        </a>
      </dd>
      <dt className="text-stone-500">备案号</dt>
      <dd>{contact.icpNumber}</dd>
    </dl>
  );
}

export function LegalLinks() {
  return (
    <p className="text-sm">
      另见{" "}
      <Link to="/legal/terms" className="underline underline-offset-2">
        《用户协议》
      </Link>{" "}
      和{" "}
      <Link to="/legal/privacy" className="underline underline-offset-2">
        《隐私政策》
      </Link>
      。
    </p>
  );
}
