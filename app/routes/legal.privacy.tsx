import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LegalPage, Section } from "~/components/legal-page";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { legalFacts } from "~/models/store/legal.server";

// Public. Each paragraph names data the store really keeps (prisma/schema.prisma) and why; change
// the text when a table or a field that holds personal information changes.
export async function loader({ request }: LoaderFunctionArgs) {
  return json(legalFacts(), { headers: catalogCacheHeaders(request) });
}

export const headers = loaderCacheHeaders;

export default function PrivacyPage() {
  const { contact, operator, effectiveDate } = useLoaderData<typeof loader>();
  return (
    <LegalPage
      title="隐私政策"
      contact={contact}
      operator={operator}
      lead={
        <p>
          生效日期：{effectiveDate}。{operator}（以下称“我们”）依照《个人信息保护法》处理您的个人信息。本政策逐项说明陇货通保存哪些信息、为什么保存、交给谁、保存多久，以及您如何查阅、更正和删除。
        </p>
      }
    >
      <Section title="一、我们保存的信息和用途">
        <ul className="list-disc space-y-2 pl-5">
          <li>
            <strong>账户：</strong>邮箱、姓名、手机号（选填）和密码。密码只保存不可还原的散列值，任何人都看不到原文。用途：登录、找回订单、发送订单和发货通知。
          </li>
          <li>
            <strong>收货地址：</strong>收件人、手机号码、省市区县和详细地址。用途：发货和联系收件人。您保存的地址留在地址簿里；每个订单另存一份下单时的地址，以免事后修改地址簿影响已发出的包裹。
          </li>
          <li>
            <strong>订单：</strong>所购商品、数量、价格、运费、下单和付款时间、发货的物流公司和运单号、退款记录。用途：履行订单、售后、对账，以及按法律要求保存交易记录。
          </li>
          <li>
            <strong>单位采购：</strong>单位名称、统一社会信用代码、开票抬头和税号、采购单号和成本中心；单位为发放礼盒上传的职工姓名和手机号。职工手机号只用于发送兑换码短信，页面上只显示打码后的号码。
          </li>
          <li>
            <strong>脱贫户：</strong>合作社登记带动的脱贫户只以匿名户编号保存，另有所在县、乡镇、村和家庭人口数，不保存姓名、身份证号或联系方式。用途：把销售额按供货份额计入具体的户，证明帮扶到户；对公众和采购单位只公开汇总数字。
          </li>
          <li>
            <strong>通知与消息：</strong>我们发出的每封邮件和每条短信（收件地址或手机号、内容、发送状态），以及您选择的通知方式。用途：确认送达、失败时重发、处理“没收到”的咨询。
          </li>
          <li>
            <strong>登录安全：</strong>每次登录尝试的邮箱或网络地址和结果。用途：连续输错密码时暂停登录，防止账户被撞库。
          </li>
          <li>
            <strong>Cookie：</strong>只使用两个必要的 Cookie：登录状态，和未登录时找回购物车的随机编号（30 天）。我们不使用广告或第三方统计 Cookie。
          </li>
        </ul>
      </Section>
      <Section title="二、付款与 Stripe">
        <p>
          个人订单通过 Stripe 付款。付款页面由 Stripe 提供，银行卡号等支付信息由 Stripe 直接收集，我们看不到也不保存；我们只保存 Stripe 返回的支付编号和金额，用于确认到账、对账和退款。
        </p>
        <p>
          为完成付款，我们会把订单号、商品名称与金额和您的邮箱提供给 Stripe, Inc.（美国）及其关联公司，这属于向境外提供个人信息：Stripe 仅为处理这笔付款和防范欺诈而使用这些信息，处理方式见 Stripe 的隐私政策。您在结算页点击“提交订单并付款”、在订单页点击“去付款”或“重新支付”，即表示单独同意这一提供；不同意的，可以不付款并取消订单，单位订单可以改用对公转账。
        </p>
      </Section>
      <Section title="三、我们交给谁">
        <p>
          除 Stripe 外，我们只在完成服务所必需的范围内提供信息：收件人、电话和地址交给承运的物流公司和供货合作社用于发货；短信经阿里云短信服务发送；邮件经我们的邮件服务器发送。我们不出售您的个人信息，也不用于广告。法律要求时，我们会依法向有关机关提供。
        </p>
      </Section>
      <Section title="四、保存多久">
        <p>
          订单、付款和退款等交易信息依《电子商务法》第三十一条，自交易完成之日起保存不少于三年。账户注销后，账户信息和地址簿会被删除或匿名化，已完成的交易记录仅在上述期限内为对账和纠纷处理保存。登录尝试记录只作短期保存。
        </p>
      </Section>
      <Section title="五、您的权利">
        <p>
          您可以在“我的订单”和“通知设置”中查看订单、修改通知方式；可以随时联系客服查阅、复制或更正您的个人信息，撤回同意，或注销账户并删除个人信息。我们会在核实身份后 15 个工作日内答复。对我们的处理有异议的，可以向网信部门投诉。
        </p>
      </Section>
      <Section title="六、未成年人">
        <p>陇货通面向成年人。不满十四周岁的未成年人请在父母或其他监护人的同意和陪同下使用；我们不会有意收集儿童的个人信息。</p>
      </Section>
      <Section title="七、安全">
        <p>网站全程使用加密连接；员工只能看到工作需要的信息，手机号在后台页面打码显示；发生个人信息安全事件时，我们会依法告知您并报告主管部门。</p>
      </Section>
    </LegalPage>
  );
}

export const meta: MetaFunction = () => [
  { title: "隐私政策 · 陇货通" },
  { name: "description", content: "陇货通保存哪些个人信息、为什么保存：账户、地址、订单、匿名的脱贫户编号、经 Stripe 的付款。" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
