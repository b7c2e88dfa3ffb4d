import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LegalPage, Section } from "~/components/legal-page";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { formatFen } from "~/lib/money";
import { MAX_CART_QUANTITY } from "~/models/orders/quantity";
import { legalFacts } from "~/models/store/legal.server";

// Public. The figures in the text (reservation time, shipping fees, quantity limit) come from the
// rules the store runs on, so the terms say what the checkout does.
export async function loader({ request }: LoaderFunctionArgs) {
  return json(legalFacts(), { headers: catalogCacheHeaders(request) });
}

export const headers = loaderCacheHeaders;

export default function TermsPage() {
  const { contact, operator, reservationMinutes, shipping, effectiveDate } = useLoaderData<typeof loader>();
  return (
    <LegalPage title="用户协议" contact={contact} operator={operator} lead={<p>生效日期：{effectiveDate}。请在注册和下单前阅读本协议；注册或下单即表示您同意本协议和《隐私政策》。</p>}>
      <Section title="一、协议双方">
        <p>
          本协议是您与陇货通的运营方 {operator}（以下称“我们”）之间关于使用陇货通网站购买商品的约定。陇货通销售的商品由甘肃脱贫县的合作社供货，我们负责商品上架审核、收款、售后和帮扶成效的记录。
        </p>
      </Section>
      <Section title="二、账户">
        <p>
          注册需要一个您能收信的邮箱并设置密码；请妥善保管密码，以您的账户进行的操作视为您本人的操作。单位账户由单位管理员邀请成员加入，并分为采购员、审批人和管理员：超过单位审批额度的订单须经审批人批准后才能付款。发现账户被他人使用，请立即联系客服。
        </p>
      </Section>
      <Section title="三、商品、价格与运费">
        <p>
          商品页面写明产地县、供货合作社、规格、采收期和发货说明；“扶贫产品认定”标识只出现在证书有效的商品上。价格以提交订单时页面显示的价格为准；单位批量采购按页面列出的阶梯价格计价。
        </p>
        <p>
          运费每单计收一次：新疆、西藏、青海每单 {formatFen(shipping.remote.feeFen)}，商品满 {formatFen(shipping.remote.freeFromFen)} 包邮；其他地区每单 {formatFen(shipping.standard.feeFen)}，商品满 {formatFen(shipping.standard.freeFromFen)} 包邮。
        </p>
      </Section>
      <Section title="四、下单与付款">
        <p>
          提交订单时，我们为您保留所购库存 {reservationMinutes} 分钟。保留期内可随时付款；一次付款未成功，订单仍然保留，可在订单页“重新支付”。保留期结束仍未付款的订单自动取消，库存重新开售；已取消的订单可在订单页“再次购买”，商品按当日价格和库存重新加入购物车。
        </p>
        <p>
          个人订单通过 Stripe 以人民币付款；单位订单也可以对公转账，请按形式发票上的账户和订单号汇款。订单取消后才到账的付款，会自动原路退回。
        </p>
        <p>为防止囤积转卖，单件商品每单最多 {MAX_CART_QUANTITY} 件；单位集中采购不受此限。</p>
      </Section>
      <Section title="五、发货、签收与退款">
        <p>
          付款后由供货合作社或体验馆安排发货，物流公司和运单号会显示在订单页，并按您的通知设置以短信或邮件告知。生鲜农产品请在签收时当面查验；商品破损、变质或与描述不符，请在签收后 48 小时内联系客服并提供照片。鲜活易腐的商品依《消费者权益保护法》第二十五条不适用七天无理由退货，其他商品在不影响二次销售时可在签收后七天内申请退货。
        </p>
        <p>
          退款由平台工作人员核实后办理，可以全额退款，也可以按商品行或金额部分退款，款项原路退回，到账时间以银行和支付机构为准。退款的金额会从帮扶账本中相应冲销。
        </p>
      </Section>
      <Section title="六、礼盒兑换码">
        <p>
          单位为职工购买的礼盒可以生成兑换码，或由单位上传职工姓名和手机号，以短信发给本人。兑换码只能使用一次，过期或订单退款后作废；请勿将兑换码转卖。
        </p>
      </Section>
      <Section title="七、帮扶成效">
        <p>
          您的每一笔付款按商品背后脱贫户的供货份额计入产地县、合作社和脱贫户，公开的只是汇总数据（见
          <Link to="/impact" className="underline underline-offset-2">
            帮扶成效
          </Link>
          ）。这些数字说明购买带动了谁，不构成对收益的承诺。
        </p>
      </Section>
      <Section title="八、您不能做的事">
        <p>
          请勿以虚假身份注册、批量注册账户、用程序抢购或刷单、利用系统漏洞获取商品或价格优惠，也不要上传他人的个人信息（单位上传职工名单须事先告知本人）。违反的，我们可以取消相关订单并停用账户。
        </p>
      </Section>
      <Section title="九、责任、法律适用与争议">
        <p>
          因不可抗力、物流中断或支付机构故障造成的延误，我们会及时告知并协助处理，但不承担超出法律规定的责任。本协议适用中华人民共和国法律；发生争议请先联系客服协商，协商不成的，可向运营方住所地人民法院提起诉讼，也可依法向消费者协会或市场监督管理部门投诉。
        </p>
      </Section>
      <Section title="十、协议的修改">
        <p>协议有修改时，我们会在本页更新生效日期，并在修改生效前通过网站公告告知；修改后继续使用即视为接受。</p>
      </Section>
    </LegalPage>
  );
}

export const meta: MetaFunction = () => [
  { title: "用户协议 · 陇货通" },
  { name: "description", content: "陇货通用户协议：账户、价格与运费、库存保留与付款、发货与退款、礼盒兑换码。" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
