<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountField</name>
    <message>
        <source>Account number or holder&apos;s name</source>
        <translation>账号或户名</translation>
    </message>
    <message>
        <source>This desk&apos;s cash drawer</source>
        <translation>本柜台的钱箱</translation>
    </message>
</context>
<context>
    <name>AccountFinder</name>
    <message>
        <source>Payment {payment_id}: {kind} of {amount}. Enter opens it.</source>
        <translation>交易 {payment_id}：{kind}，金额 {amount}。按回车键打开。</translation>
    </message>
</context>
<context>
    <name>AccountScreens</name>
    <message>
        <source>A&amp;ccounts</source>
        <translation>账户(&amp;C)</translation>
    </message>
    <message>
        <source>Find account…</source>
        <translation>查找账户…</translation>
    </message>
    <message>
        <source>Rep&amp;orts</source>
        <translation>报表(&amp;O)</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报表…</translation>
    </message>
</context>
<context>
    <name>ApprovalsPanel</name>
    <message>
        <source>Approve selected payment</source>
        <translation>批准所选交易</translation>
    </message>
    <message>
        <source>Decline selected payment</source>
        <translation>驳回所选交易</translation>
    </message>
</context>
<context>
    <name>DeskSession</name>
    <message>
        <source>&amp;Desk</source>
        <translation>柜台(&amp;D)</translation>
    </message>
    <message>
        <source>A&amp;udit</source>
        <translation>审计(&amp;U)</translation>
    </message>
    <message>
        <source>Open drawer (opening count)…</source>
        <translation>开启钱箱（开箱清点）…</translation>
    </message>
    <message>
        <source>Close drawer (blind count)…</source>
        <translation>关闭钱箱（盲点清点）…</translation>
    </message>
    <message>
        <source>Cash with the vault…</source>
        <translation>与金库调拨现金…</translation>
    </message>
    <message>
        <source>Drawer report…</source>
        <translation>钱箱报告…</translation>
    </message>
    <message>
        <source>Lock desk</source>
        <translation>锁定柜台</translation>
    </message>
    <message>
        <source>Log out / switch operator</source>
        <translation>退出 / 切换操作员</translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation>审计轨迹…</translation>
    </message>
</context>
<context>
    <name>FlowScreens</name>
    <message>
        <source>&amp;Supervisor</source>
        <translation>主管(&amp;S)</translation>
    </message>
    <message>
        <source>Flow of the day…</source>
        <translation>当日业务流量…</translation>
    </message>
    <message>
        <source>The Flow screen is for supervisors and admins; you are logged in as a {role}.</source>
        <translation>业务流量界面仅供主管和管理员使用；您当前登录的身份是{role}。</translation>
    </message>
    <message>
        <source>Flow of the day</source>
        <translation>当日业务流量</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Cash deposit</source>
        <translation>现金存款</translation>
    </message>
    <message>
        <source>Cash withdrawal</source>
        <translation>现金取款</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转账</translation>
    </message>
    <message>
        <source>To another bank</source>
        <translation>跨行转账</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲正</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>&amp;Payment</source>
        <translation>交易(&amp;P)</translation>
    </message>
    <message>
        <source>Post payment	Enter</source>
        <translation>记账	Enter</translation>
    </message>
    <message>
        <source>Clear form</source>
        <translation>清空表单</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Payment form</source>
        <translation>交易表单</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>流水</translation>
    </message>
    <message>
        <source>Reload journal</source>
        <translation>刷新流水</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Reverse selected payment…</source>
        <translation>冲正所选交易…</translation>
    </message>
    <message>
        <source>&amp;Supervisor</source>
        <translation>主管(&amp;S)</translation>
    </message>
    <message>
        <source>Approve selected payment</source>
        <translation>批准所选交易</translation>
    </message>
    <message>
        <source>Decline selected payment</source>
        <translation>驳回所选交易</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>打印回单</translation>
    </message>
    <message>
        <source>Select a payment in the journal (Ctrl+J), then Ctrl+P reprints its receipt.</source>
        <translation>请先在流水中选中一笔交易（Ctrl+J），再按 Ctrl+P 补打回单。</translation>
    </message>
    <message>
        <source>Offline: the database cannot be reached; reconnecting…</source>
        <translation>离线：无法连接数据库，正在重新连接…</translation>
    </message>
    <message>
        <source>Back online.</source>
        <translation>已恢复连接。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Payment {payment_id} is held for a supervisor&apos;s approval: no receipt until it is approved and posted.</source>
        <translation>付款 {payment_id} 正等待主管审批：批准并记账之前不打印回单。</translation>
    </message>
    <message>
        <source>Payment {payment_id} is {status}: no money moved, so there is no receipt.</source>
        <translation>付款 {payment_id} 状态为{status}：资金未发生变动，因此没有回单。</translation>
    </message>
    <message>
        <source>Payment {payment_id} is the bank&apos;s own move: it has no customer receipt.</source>
        <translation>付款 {payment_id} 是银行内部调拨：没有客户回单。</translation>
    </message>
    <message>
        <source>Enter an amount</source>
        <translation>请输入金额</translation>
    </message>
    <message>
        <source>Cannot read that amount: use digits, the decimal sign, grouping between thousands, &apos;+&apos; or &apos;-&apos;</source>
        <translation>无法识别该金额：请使用数字、小数点、千位分隔符、“+”或“-”</translation>
    </message>
    <message>
        <source>Too many decimals for this currency</source>
        <translation>该币种的小数位数过多</translation>
    </message>
    <message>
        <source>That amount is refused as too large</source>
        <translation>金额过大，已拒绝</translation>
    </message>
    <message>
        <source>Unknown currency</source>
        <translation>未知币种</translation>
    </message>
</context>
<context>
    <name>PaymentDetailDialog</name>
    <message>
        <source>Reprint receipt (copy)</source>
        <translation>补打回单（副本）</translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message>
        <source>e.g. 1,234.50 or 100+25.50</source>
        <translation>例如 1,234.50 或 100+25.50</translation>
    </message>
    <message>
        <source>Optional note for the statement</source>
        <translation>对账单附言（可选）</translation>
    </message>
    <message>
        <source>Bank code (BIC)</source>
        <translation>银行代码（BIC）</translation>
    </message>
    <message>
        <source>Account (IBAN)</source>
        <translation>账号（IBAN）</translation>
    </message>
    <message>
        <source>Beneficiary&apos;s name</source>
        <translation>收款人姓名</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>付款账户(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>收款账户(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Beneficiary</source>
        <translation>收款人(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>金额(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reference</source>
        <translation>附言(&amp;R)</translation>
    </message>
    <message>
        <source>Post  [Enter]</source>
        <translation>记账  [Enter]</translation>
    </message>
    <message>
        <source>Post the payment (Enter)</source>
        <translation>记账（Enter）</translation>
    </message>
    <message>
        <source>Clear  [Esc]</source>
        <translation>清空  [Esc]</translation>
    </message>
    <message>
        <source>Clear the form (Esc)</source>
        <translation>清空表单（Esc）</translation>
    </message>
    <message>
        <source>New payment</source>
        <translation>新交易</translation>
    </message>
    <message>
        <source>Offline: the database cannot be reached. Nothing was sent; what you typed is kept: press Enter again once the desk is back online.</source>
        <translation>离线：无法连接数据库。未发送任何内容；您输入的内容已保留：恢复连接后请再按回车键。</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>营业日期</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>Teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>Payment id</source>
        <translation>交易编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>From account</source>
        <translation>付款账户</translation>
    </message>
    <message>
        <source>To account</source>
        <translation>收款账户</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>附言</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reverses payment</source>
        <translation>被冲正交易</translation>
    </message>
    <message>
        <source>RECEIPT</source>
        <translation>业务回单</translation>
    </message>
    <message>
        <source>COPY — reprint</source>
        <translation>副本 — 补打</translation>
    </message>
    <message>
        <source>Scan or type the payment id at the desk (Ctrl+F) to find this payment.</source>
        <translation>在柜台扫描或输入交易编号（Ctrl+F）即可查到此笔交易。</translation>
    </message>
    <message>
        <source>Please keep this receipt.</source>
        <translation>请妥善保管此回单。</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>回单</translation>
    </message>
    <message>
        <source>printer {name}</source>
        <translation>打印机 {name}</translation>
    </message>
</context>
<context>
    <name>ReceiptCommand</name>
    <message>
        <source>No payment {payment_id}: nothing printed.</source>
        <translation>没有付款 {payment_id}：未打印任何内容。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <source>Receipt for payment {payment_id} written to {path}</source>
        <translation>付款 {payment_id} 的回单已写入 {path}</translation>
    </message>
</context>
<context>
    <name>ReceiptDesk</name>
    <message>
        <source>Print the receipt always after posting</source>
        <translation>记账后总是打印回单</translation>
    </message>
    <message>
        <source>Ctrl+P prints the receipt.</source>
        <translation>按 Ctrl+P 打印回单。</translation>
    </message>
    <message>
        <source>No payment {payment_id}.</source>
        <translation>没有交易 {payment_id}。</translation>
    </message>
    <message>
        <source>Receipt copy of payment {payment_id} sent to {where}.</source>
        <translation>交易 {payment_id} 的回单副本已发送到 {where}。</translation>
    </message>
    <message>
        <source>Receipt of payment {payment_id} sent to {where}.</source>
        <translation>交易 {payment_id} 的回单已发送到 {where}。</translation>
    </message>
</context>
<context>
    <name>Statuses</name>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>risk checked</source>
        <translation>已风险检查</translation>
    </message>
    <message>
        <source>held</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>已记账</translation>
    </message>
    <message>
        <source>reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>已清算</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>reversed</source>
        <translation>已冲正</translation>
    </message>
</context>
</TS>
