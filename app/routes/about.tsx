import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LegalLinks, LegalPage, Section } from "~/components/legal-page";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { legalFacts } from "~/models/store/legal.server";

// Public, like the catalogue: nothing personal on it.
export async function loader({ request }: LoaderFunctionArgs) {
  return json(legalFacts(), { headers: catalogCacheHeaders(request) });
}

export const headers = loaderCacheHeaders;

export default function AboutPage() {
  const { contact, operator } = useLoaderData<typeof loader>();
  return (
    <LegalPage
      title="关于我们"
      lead="陇货通：把甘肃脱贫县的好东西，经东西部协作的四座体验馆，送到东部的家庭和单位。"
      contact={contact}
      operator={operator}
      contactNote={
        <>
          <p>订单、发货、退款或合作方面的问题，请联系客服。</p>
          <LegalLinks />
        </>
      }
    >
      <Section title="我们做什么">
        <p>
          陇货通是东西部协作消费帮扶的线上商城。甘肃 58 个脱贫县的合作社在这里上架本县特产；天津（甘货进津）、厦门和福州（陇货入闽）、青岛（陇货入鲁）四地的甘肃省特色产品电商体验馆各自陈列结对地区的商品，东部的消费者可以直接下单，机关、企业、工会、学校和医院可以集中采购、审批、开票，也可以为职工购买礼盒并发放兑换码。
        </p>
      </Section>
      <Section title="货从哪里来">
        <p>
          每件商品都写明产地县、供货合作社和采收期。经县级认定、市级审核、省级复核的商品标有“扶贫产品认定”和证书编号；证书到期或被撤销，标识随即取下。价格、库存由合作社自己维护，下单时按当时的价格和库存结算，不会超卖。
        </p>
      </Section>
      <Section title="钱到哪里去">
        <p>
          每一笔付款都记入帮扶账本：按商品背后脱贫户的供货份额，计入产地县、供货合作社和具体的脱贫户；退款会写入冲销记录，账本只增不改。脱贫户以匿名编号登记，我们不保存他们的姓名和证件号码。
        </p>
        <p>
          汇总后的成效公开在{" "}
          <Link to="/impact" className="underline underline-offset-2">
            帮扶成效
          </Link>{" "}
          页面；采购单位可以在单位后台查看本单位带动的脱贫户数，并下载帮扶证明。
        </p>
      </Section>
    </LegalPage>
  );
}

export const meta: MetaFunction = () => [
  { title: "关于我们 · 陇货通" },
  { name: "description", content: "陇货通是东西部协作消费帮扶的线上商城：甘肃 58 个脱贫县的特产，经天津、厦门、福州、青岛四地体验馆直达东部。" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
