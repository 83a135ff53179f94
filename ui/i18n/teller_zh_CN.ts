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
    <message>
        <source>No such account</source>
        <translation>无此账户</translation>
    </message>
    <message>
        <source> (reserved {amount})</source>
        <translation>（已冻结 {amount}）</translation>
    </message>
    <message>
        <source>{holder} — available {amount}</source>
        <translation>{holder} — 可用余额 {amount}</translation>
    </message>
</context>
<context>
    <name>AccountFinder</name>
    <message>
        <source>Find account</source>
        <translation>查找账户</translation>
    </message>
    <message>
        <source>Account number, IBAN or holder&apos;s name — e.g. 1000 or mül</source>
        <translation>账号、IBAN 或户名 — 例如 1000 或 mül</translation>
    </message>
    <message>
        <source>Type a number or a name.</source>
        <translation>请输入账号或户名。</translation>
    </message>
    <message>
        <source>↑/↓ choose · Enter open · Esc close</source>
        <translation>↑/↓ 选择 · Enter 打开 · Esc 关闭</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Payment {payment_id}: {kind} of {amount}. Enter opens it.</source>
        <translation>交易 {payment_id}：{kind}，金额 {amount}。按回车键打开。</translation>
    </message>
    <message>
        <source>1 account</source>
        <translation>1 个账户</translation>
    </message>
    <message>
        <source>{count} accounts</source>
        <translation>{count} 个账户</translation>
    </message>
    <message>
        <source> (first 20 shown)</source>
        <translation>（仅显示前 20 个）</translation>
    </message>
    <message>
        <source>No account matches “{text}”.</source>
        <translation>没有与“{text}”相符的账户。</translation>
    </message>
</context>
<context>
    <name>AccountHistoryModel</name>
    <message>
        <source>Click (or press Ctrl+O) to switch between newest and oldest first</source>
        <translation>单击（或按 Ctrl+O）切换最新在前／最早在前</translation>
    </message>
    <message>
        <source>Payment {payment_id} — Enter opens it</source>
        <translation>交易 {payment_id} — 按 Enter 打开</translation>
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
    <name>AccountWindow</name>
    <message>
        <source>from YYYY-MM-DD</source>
        <translation>起始日期 年-月-日</translation>
    </message>
    <message>
        <source>to YYYY-MM-DD</source>
        <translation>截止日期 年-月-日</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>min amount</source>
        <translation>最低金额</translation>
    </message>
    <message>
        <source>max amount</source>
        <translation>最高金额</translation>
    </message>
    <message>
        <source>reference, payment id or account</source>
        <translation>附言、交易编号或账号</translation>
    </message>
    <message>
        <source>Posted balance</source>
        <translation>记账余额</translation>
    </message>
    <message>
        <source>Pending (holds)</source>
        <translation>在途（冻结）</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用余额</translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation>起始(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>至(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>Mi&amp;n</source>
        <translation>最低(&amp;N)</translation>
    </message>
    <message>
        <source>Ma&amp;x</source>
        <translation>最高(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Enter open payment / apply filter · Ctrl+O oldest/newest first · Ctrl+L filters · Ctrl+Shift+L clear filters · F5 refresh · Esc close</source>
        <translation>Enter 打开交易／应用筛选 · Ctrl+O 最早／最新在前 · Ctrl+L 筛选 · Ctrl+Shift+L 清除筛选 · F5 刷新 · Esc 关闭</translation>
    </message>
    <message>
        <source>Oldest/newest first</source>
        <translation>最早／最新在前</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reverse selected payment…</source>
        <translation>冲正所选交易…</translation>
    </message>
    <message>
        <source>Account {account}</source>
        <translation>账户 {account}</translation>
    </message>
    <message>
        <source>No account {account}</source>
        <translation>无账户 {account}</translation>
    </message>
    <message>
        <source>Account {account} — {holder}</source>
        <translation>账户 {account} — {holder}</translation>
    </message>
    <message>
        <source>Number {account}</source>
        <translation>账号 {account}</translation>
    </message>
    <message>
        <source>{kind} account</source>
        <translation>{kind}账户</translation>
    </message>
    <message>
        <source>overdraft limit {limit}</source>
        <translation>透支额度 {limit}</translation>
    </message>
    <message>
        <source>no overdraft</source>
        <translation>不可透支</translation>
    </message>
    <message>
        <source>FROZEN: no payments in or out</source>
        <translation>已冻结：不得收付</translation>
    </message>
    <message>
        <source>CLOSED</source>
        <translation>已销户</translation>
    </message>
    <message>
        <source> — scroll for more</source>
        <translation> — 向下滚动查看更多</translation>
    </message>
    <message>
        <source>newest first</source>
        <translation>最新在前</translation>
    </message>
    <message>
        <source>oldest first</source>
        <translation>最早在前</translation>
    </message>
    <message>
        <source>entry</source>
        <translation>条记录</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>条记录</translation>
    </message>
    <message>
        <source>{loaded} loaded, {order}{more}</source>
        <translation>已载入 {loaded}，{order}{more}</translation>
    </message>
    <message>
        <source>“{text}” is not a date; write it as YYYY-MM-DD</source>
        <translation>“{text}”不是日期；请按 年-月-日（YYYY-MM-DD）填写</translation>
    </message>
    <message>
        <source>The period starts after it ends</source>
        <translation>起始日期晚于截止日期</translation>
    </message>
    <message>
        <source>The minimum amount is above the maximum</source>
        <translation>最低金额高于最高金额</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>vault</source>
        <translation>金库</translation>
    </message>
    <message>
        <source>clearing</source>
        <translation>清算</translation>
    </message>
    <message>
        <source>suspense</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>cash over/short</source>
        <translation>长短款</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>similar name</source>
        <translation>相似户名</translation>
    </message>
    <message>
        <source>opening</source>
        <translation>开箱清点中</translation>
    </message>
    <message>
        <source>open</source>
        <translation>已开启</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>封箱清点中</translation>
    </message>
    <message>
        <source>teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>ApprovalsModel</name>
    <message>
        <source>Payment {payment_id}</source>
        <translation>交易 {payment_id}</translation>
    </message>
</context>
<context>
    <name>ApprovalsPanel</name>
    <message>
        <source>Payments waiting for approval</source>
        <translation>待复核的交易</translation>
    </message>
    <message>
        <source>Reason to decline (required), then Enter</source>
        <translation>拒绝原因（必填），然后按 Enter</translation>
    </message>
    <message>
        <source>Approve  [{key}]</source>
        <translation>复核通过  [{key}]</translation>
    </message>
    <message>
        <source>Approve the selected payment ({key})</source>
        <translation>复核通过所选交易（{key}）</translation>
    </message>
    <message>
        <source>Decline  [{key}, reason, Enter]</source>
        <translation>拒绝  [{key}，原因，Enter]</translation>
    </message>
    <message>
        <source>Decline the selected payment: type the reason, then Enter</source>
        <translation>拒绝所选交易：输入原因，然后按 Enter</translation>
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
        <source>Select a held payment first (arrow keys).</source>
        <translation>请先选择一笔待复核交易（方向键）。</translation>
    </message>
    <message>
        <source>Type why it is declined, then press Enter.</source>
        <translation>请输入拒绝原因，然后按 Enter。</translation>
    </message>
    <message>
        <source>A reason is required to decline.</source>
        <translation>拒绝必须填写原因。</translation>
    </message>
    <message>
        <source>Declined: payment {payment_id}.</source>
        <translation>已拒绝：交易 {payment_id}。</translation>
    </message>
    <message>
        <source>Approved: payment {payment_id}.</source>
        <translation>已复核通过：交易 {payment_id}。</translation>
    </message>
    <message>
        <source>Not done: {reason}</source>
        <translation>未办理：{reason}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Waiting for approval — 1 payment</source>
        <translation>待复核 — 1 笔交易</translation>
    </message>
    <message>
        <source>Waiting for approval — {count} payments</source>
        <translation>待复核 — {count} 笔交易</translation>
    </message>
    <message>
        <source>Nothing is waiting.</source>
        <translation>没有待复核的交易。</translation>
    </message>
    <message>
        <source>{kind} of {amount} from {from_account} to {to}, keyed by {operator} at {time}</source>
        <translation>{kind} {amount}，从 {from_account} 到 {to}，由 {operator} 于 {time} 录入</translation>
    </message>
    <message>
        <source>Reference: {reference}</source>
        <translation>附言：{reference}</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Event {seq}: {type}</source>
        <translation>事件 {seq}：{type}</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日（如 2026-11-27）</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>&amp;Operator</source>
        <translation>操作员(&amp;O)</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>类型(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;From date</source>
        <translation>起始日期(&amp;F)</translation>
    </message>
    <message>
        <source>T&amp;o date</source>
        <translation>截止日期(&amp;O)</translation>
    </message>
    <message>
        <source>Acco&amp;unt</source>
        <translation>账户(&amp;U)</translation>
    </message>
    <message>
        <source>Apply filter  [Enter]</source>
        <translation>应用筛选  [Enter]</translation>
    </message>
    <message>
        <source>Verify chain  [F7]</source>
        <translation>校验哈希链  [F7]</translation>
    </message>
    <message>
        <source>Check that no stored event was altered, inserted or removed (F7)</source>
        <translation>校验已存事件未被篡改、插入或删除（F7）</translation>
    </message>
    <message>
        <source>Select an event to read its body</source>
        <translation>选择一条事件以查看内容</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD, e.g. 2026-11-27</source>
        <translation>日期格式为 年-月-日，例如 2026-11-27</translation>
    </message>
    <message>
        <source>1 event, newest first</source>
        <translation>1 条事件，最新在前</translation>
    </message>
    <message>
        <source>{count} events, newest first</source>
        <translation>{count} 条事件，最新在前</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation>正在校验哈希链…</translation>
    </message>
    <message>
        <source>Verification cancelled: the chain was not checked.</source>
        <translation>校验已取消：哈希链未校验。</translation>
    </message>
    <message>
        <source>The chain could not be read: {error}</source>
        <translation>无法读取哈希链：{error}</translation>
    </message>
    <message>
        <source>The chain is BROKEN: </source>
        <translation>哈希链已断裂：</translation>
    </message>
    <message>
        <source>The chain is intact: no stored event was altered, inserted or removed.</source>
        <translation>哈希链完整：已存事件均未被篡改、插入或删除。</translation>
    </message>
    <message>
        <source> It passes through every signed checkpoint.</source>
        <translation>并且经过每一个已签名的检查点。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>{argument} is not UTF-8 text; nothing was done</source>
        <translation>{argument} 不是 UTF-8 文本；未执行任何操作</translation>
    </message>
    <message>
        <source>demo bank in {url}</source>
        <translation>演示银行已建于 {url}</translation>
    </message>
    <message>
        <source>cannot check {url}: {reason}</source>
        <translation>无法校验 {url}：{reason}</translation>
    </message>
    <message>
        <source>cannot check the checkpoints: {reason}</source>
        <translation>无法校验检查点：{reason}</translation>
    </message>
    <message>
        <source>FAILED: {fault}</source>
        <translation>校验失败：{fault}</translation>
    </message>
    <message>
        <source>  also: {fault}</source>
        <translation>  另有：{fault}</translation>
    </message>
    <message>
        <source>verified: every currency&apos;s postings sum to zero, every balance matches its postings, the event chain is intact</source>
        <translation>校验通过：各币种分录借贷相抵为零，各账户余额与分录相符，事件哈希链完整</translation>
    </message>
    <message>
        <source>, and it passes through {count} signed checkpoints</source>
        <translation>，并经过 {count} 个已签名检查点</translation>
    </message>
    <message>
        <source>FAILED: rebuilt from {count} events, the tables differ</source>
        <translation>校验失败：由 {count} 个事件重建后，状态表不一致</translation>
    </message>
    <message>
        <source>replayed {count} events: {tables} match</source>
        <translation>已重放 {count} 个事件：{tables} 一致</translation>
    </message>
    <message>
        <source>--rows takes {groups} separated by commas, not {given}</source>
        <translation>--rows 取值为 {groups}（以逗号分隔），而不是 {given}</translation>
    </message>
    <message>
        <source>--desks takes numbers separated by commas, not {given}</source>
        <translation>--desks 取值为以逗号分隔的数字，而不是 {given}</translation>
    </message>
    <message>
        <source>--desks takes numbers of 1 or more</source>
        <translation>--desks 取值须为 1 或更大的数字</translation>
    </message>
    <message>
        <source>{option} {text} is not a date; write it as YYYY-MM-DD</source>
        <translation>{option} {text} 不是日期；请按 年-月-日（YYYY-MM-DD）填写</translation>
    </message>
    <message>
        <source>export: {reason}; nothing was written</source>
        <translation>导出：{reason}；未写入任何内容</translation>
    </message>
    <message>
        <source>the database has no ledger yet (run `python main.py init`)</source>
        <translation>数据库尚无账本（请先运行 `python main.py init`）</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>the export failed ({error})</source>
        <translation>导出失败（{error}）</translation>
    </message>
    <message>
        <source>wrote {count} entries to {path}</source>
        <translation>已将 {count} 笔分录写入 {path}</translation>
    </message>
    <message>
        <source>wrote {count} rows to {path}</source>
        <translation>已将 {count} 行写入 {path}</translation>
    </message>
    <message>
        <source> (totals in minor units: {totals})</source>
        <translation>（合计，以最小货币单位计：{totals}）</translation>
    </message>
    <message>
        <source>closed business date {date}; next date {next} is open</source>
        <translation>营业日 {date} 已日终；下一营业日 {next} 已开启</translation>
    </message>
    <message>
        <source>settled {settled} transfers to other banks, voided {voided} expired reservations</source>
        <translation>已与他行清算 {settled} 笔转账，作废 {voided} 笔过期预留</translation>
    </message>
    <message>
        <source>  owe {bank}: {amount} ({count} payments)</source>
        <translation>  应付 {bank}：{amount}（{count} 笔）</translation>
    </message>
    <message>
        <source>settlement report: {path}</source>
        <translation>清算报告：{path}</translation>
    </message>
    <message>
        <source>CLOSED, BUT NO CHECKPOINT SIGNED: {reason}</source>
        <translation>已日终，但未签署检查点：{reason}</translation>
    </message>
    <message>
        <source>NOT CLOSED: {reason}</source>
        <translation>未日终：{reason}</translation>
    </message>
    <message>
        <source>NOT CLOSED: the system failed; see the log</source>
        <translation>未日终：系统故障；请查看日志</translation>
    </message>
    <message>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>两次输入的密码不一致；未做任何更改。</translation>
    </message>
    <message>
        <source>refused: {reason}</source>
        <translation>拒绝：{reason}</translation>
    </message>
    <message>
        <source>init stopped, nothing was created: the first admin needs a password. Run init at a terminal to type it, or set {variable} in the environment.</source>
        <translation>初始化已停止，未创建任何内容：首位管理员需要密码。请在终端运行 init 输入密码，或在环境中设置 {variable}。</translation>
    </message>
    <message>
        <source>created </source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>No password given; nothing was changed.</source>
        <translation>未提供密码；未做任何更改。</translation>
    </message>
    <message>
        <source>An admin&apos;s name and password are needed: type them at a terminal, or set {name_variable} and {password_variable}. Nothing was changed.</source>
        <translation>需要管理员的用户名和密码：请在终端输入，或设置 {name_variable} 和 {password_variable}。未做任何更改。</translation>
    </message>
    <message>
        <source>operator {name} ({role}): </source>
        <translation>操作员 {name}（{role}）：</translation>
    </message>
    <message>
        <source>password {password}</source>
        <translation>密码 {password}</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>drawer: {line}</source>
        <translation>钱箱：{line}</translation>
    </message>
    <message>
        <source>accounts opened: {count}</source>
        <translation>已开立账户：{count}</translation>
    </message>
    <message>
        <source>payments {outcome}: {count}</source>
        <translation>交易 {outcome}：{count}</translation>
    </message>
    <message>
        <source>  rejected, {code}: {count}</source>
        <translation>  被拒绝，{code}：{count}</translation>
    </message>
    <message>
        <source>the day&apos;s stories:</source>
        <translation>当日业务情景：</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>cash_deposit</source>
        <translation>现金存款</translation>
    </message>
    <message>
        <source>cash_withdrawal</source>
        <translation>现金取款</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>转账</translation>
    </message>
    <message>
        <source>interbank_transfer</source>
        <translation>跨行转账</translation>
    </message>
    <message>
        <source>reversal</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>vault_to_drawer</source>
        <translation>金库调入钱箱</translation>
    </message>
    <message>
        <source>drawer_to_vault</source>
        <translation>钱箱缴存金库</translation>
    </message>
    <message>
        <source>cash_over</source>
        <translation>长款</translation>
    </message>
    <message>
        <source>cash_short</source>
        <translation>短款</translation>
    </message>
    <message>
        <source>held for approval</source>
        <translation>待主管复核</translation>
    </message>
    <message>
        <source>rejected by risk rules</source>
        <translation>被风控规则拒绝</translation>
    </message>
    <message>
        <source>reserved for another bank</source>
        <translation>已为他行预留</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>复核未通过</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>reversed</source>
        <translation>已冲正</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>start</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>opening count</source>
        <translation>开箱清点</translation>
    </message>
    <message>
        <source>vault move</source>
        <translation>钱箱缴库</translation>
    </message>
    <message>
        <source>closing count</source>
        <translation>轧账清点</translation>
    </message>
    <message>
        <source>close</source>
        <translation>关箱</translation>
    </message>
    <message>
        <source>{step} refused: {reason}</source>
        <translation>{step}被拒绝：{reason}</translation>
    </message>
    <message>
        <source>a day of {payments} payments needs at least {customers} customers, so that none makes more than the risk rules&apos; {velocity} payments within {minutes} minutes: opened {needed} rather than {asked}</source>
        <translation>一天 {payments} 笔交易至少需要 {customers} 位客户，才能使每位客户在 {minutes} 分钟内的交易不超过风控规则的 {velocity} 笔：已开立 {needed} 个账户，而不是 {asked} 个</translation>
    </message>
    <message>
        <source>business date {date} stays open (the calendar says {today}); `eod --supervisor {supervisor}` closes it</source>
        <translation>营业日 {date} 仍未日终（日历日期为 {today}）；运行 `eod --supervisor {supervisor}` 办理日终</translation>
    </message>
    <message>
        <source>a 60,000.00 EUR cash deposit for {account}, above the teller&apos;s limit: {supervisor} signed it off at the desk; flagged large cash</source>
        <translation>为 {account} 办理 60,000.00 EUR 现金存款，超出柜员限额：主管 {supervisor} 在柜台现场授权；已标记为大额现金</translation>
    </message>
    <message>
        <source>15,000.00 EUR transfer held: {reason}</source>
        <translation>15,000.00 EUR 转账待复核：{reason}</translation>
    </message>
    <message>
        <source>{supervisor} approved it; it posted</source>
        <translation>主管 {supervisor} 复核通过；已记账</translation>
    </message>
    <message>
        <source>18,000.00 EUR cash withdrawal held, then declined: no prior notice</source>
        <translation>18,000.00 EUR 现金取款待复核，后被拒绝：未提前预约</translation>
    </message>
    <message>
        <source>transfer to {name} rejected: {reason}</source>
        <translation>向 {name} 的转账被拒绝：{reason}</translation>
    </message>
    <message>
        <source>a transfer to ING was reserved, then voided at the customer&apos;s request</source>
        <translation>一笔向 ING 的转账已预留，后应客户要求作废</translation>
    </message>
    <message>
        <source>a 250.00 EUR deposit keyed to the wrong account was reversed by the teller</source>
        <translation>一笔误入他人账户的 250.00 EUR 存款已由柜员冲正</translation>
    </message>
    <message>
        <source>{supervisor} closed {date}; {next} is open</source>
        <translation>主管 {supervisor} 已办理 {date} 日终；营业日 {next} 已开启</translation>
    </message>
    <message>
        <source>  settled with {bank}: {count} transfer, {amount}</source>
        <translation>  与 {bank} 清算：{count} 笔转账，{amount}</translation>
    </message>
    <message>
        <source>  settled with {bank}: {count} transfers, {amount}</source>
        <translation>  与 {bank} 清算：{count} 笔转账，{amount}</translation>
    </message>
    <message>
        <source>the day could not be closed: {reason}</source>
        <translation>无法办理日终：{reason}</translation>
    </message>
    <message>
        <source>no admin logged in: the demo&apos;s operators were not made</source>
        <translation>没有管理员登录：未创建演示操作员</translation>
    </message>
    <message>
        <source>continuing the session of {teller} left open</source>
        <translation>继续柜员 {teller} 未关闭的钱箱班次</translation>
    </message>
    <message>
        <source>{drawer} opened with {amount}</source>
        <translation>{drawer} 已开箱，现金 {amount}</translation>
    </message>
    <message>
        <source>{drawer} closed: counted {counted}, expected {expected}</source>
        <translation>{drawer} 已关箱：实点 {counted}，应有 {expected}</translation>
    </message>
    <message>
        <source>--from-seq takes a seq of 1 or more</source>
        <translation>--from-seq 取值须为 1 或更大的流水序号</translation>
    </message>
    <message>
        <source>--until-idle goes with --follow</source>
        <translation>--until-idle 须与 --follow 一起使用</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>--target-share must be between 0 and 1, e.g. 0.8</source>
        <translation>--target-share 须介于 0 与 1 之间，例如 0.8</translation>
    </message>
    <message>
        <source>--target-wait must not be negative</source>
        <translation>--target-wait 不得为负数</translation>
    </message>
    <message>
        <source>give --arrival-rate and --service-time, or --from-events</source>
        <translation>请给出 --arrival-rate 和 --service-time，或使用 --from-events</translation>
    </message>
    <message>
        <source>--arrival-rate and --service-time must be positive</source>
        <translation>--arrival-rate 和 --service-time 须为正数</translation>
    </message>
    <message>
        <source>{rate} customers a minute, {minutes} minutes each ({erlangs} Erlangs); target: {share} within {wait} minutes</source>
        <translation>每分钟 {rate} 位客户，每位 {minutes} 分钟（{erlangs} 爱尔兰）；目标：{share} 的客户在 {wait} 分钟内办理</translation>
    </message>
    <message>
        <source>tellers needed: {count}</source>
        <translation>所需柜员：{count}</translation>
    </message>
    <message>
        <source>unstable</source>
        <translation>不稳定</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>  &lt;- needed</source>
        <translation>  &lt;- 所需</translation>
    </message>
    <message>
        <source>no payments stored for {date}</source>
        <translation>{date} 没有已存储的交易</translation>
    </message>
    <message>
        <source>no payments stored</source>
        <translation>没有已存储的交易</translation>
    </message>
    <message>
        <source>the events give no service time (one payment per teller); give --service-time</source>
        <translation>事件中无法得出服务时间（每位柜员仅一笔交易）；请给出 --service-time</translation>
    </message>
    <message>
        <source>business date {date}: {count} customer payments; service time {minutes} min (time between one teller&apos;s payments)</source>
        <translation>营业日 {date}：客户交易 {count} 笔；服务时间 {minutes} 分钟（同一柜员相邻两笔交易的间隔）</translation>
    </message>
    <message>
        <source>target: {share} within {wait} minutes</source>
        <translation>目标：{share} 的客户在 {wait} 分钟内办理</translation>
    </message>
    <message>
        <source>tellers</source>
        <translation>柜员数</translation>
    </message>
    <message>
        <source>util</source>
        <translation>利用率</translation>
    </message>
    <message>
        <source>P(wait)</source>
        <translation>等待概率</translation>
    </message>
    <message>
        <source>mean wait</source>
        <translation>平均等待</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队长</translation>
    </message>
    <message>
        <source>within target</source>
        <translation>目标内占比</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>per min</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>diff</source>
        <translation>偏差</translation>
    </message>
    <message>
        <source>utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <source>mean wait, min</source>
        <translation>平均等待（分钟）</translation>
    </message>
    <message>
        <source>mean queue</source>
        <translation>平均队长</translation>
    </message>
    <message>
        <source>wait p{percentile}, min</source>
        <translation>等待 p{percentile}（分钟）</translation>
    </message>
    <message>
        <source>--desks must be at least 1, the rates positive</source>
        <translation>--desks 至少为 1，各速率须为正数</translation>
    </message>
    <message>
        <source>--minutes must be positive, --speed not negative</source>
        <translation>--minutes 须为正数，--speed 不得为负数</translation>
    </message>
    <message>
        <source>--sweep needs --plot FILE.png</source>
        <translation>--sweep 需要 --plot FILE.png</translation>
    </message>
    <message>
        <source>M/M/{desks}: {rate} customers/min, {service} served/min per teller, {minutes} simulated minutes, seed {seed}, database: {database}</source>
        <translation>M/M/{desks}：每分钟到达 {rate} 位客户，每位柜员每分钟办理 {service} 位，模拟 {minutes} 分钟，随机种子 {seed}，数据库：{database}</translation>
    </message>
    <message>
        <source>served {served} customers, each a real payment ({held} held for a supervisor, {refused} refused) in {seconds} s</source>
        <translation>已为 {served} 位客户办理业务，每位一笔真实交易（{held} 笔待主管复核，{refused} 笔被拒绝），用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>bus worker (M/M/1): {arriving} commands/s arriving, serves {serves}/s (utilisation {utilisation}); wait measured {measured} ms, M/M/1 {predicted} ms</source>
        <translation>总线处理线程（M/M/1）：每秒到达 {arriving} 条指令，每秒处理 {serves} 条（利用率 {utilisation}）；实测等待 {measured} 毫秒，M/M/1 预测 {predicted} 毫秒</translation>
    </message>
    <message>
        <source>sweep plot: {path}</source>
        <translation>扫描图：{path}</translation>
    </message>
    <message>
        <source>relay: lost the database lock (the server restarted?); stopping so that two relays never publish at once</source>
        <translation>中继：失去数据库锁（服务器是否已重启？）；现在停止，以免两个中继同时发布</translation>
    </message>
    <message>
        <source>relay: the database failed ({trouble}); retrying</source>
        <translation>中继：数据库出错（{trouble}）；正在重试</translation>
    </message>
    <message>
        <source>relay: the broker is blocking publishers (memory or disk alarm); waiting</source>
        <translation>中继：消息代理正在阻止发布（内存或磁盘告警）；等待中</translation>
    </message>
    <message>
        <source>relay: the broker accepts publishers again</source>
        <translation>中继：消息代理已恢复接受发布</translation>
    </message>
    <message>
        <source>relay: broker back after {seconds} s; resuming after seq {seq}</source>
        <translation>中继：消息代理在 {seconds} 秒后恢复；从流水序号 {seq} 之后继续</translation>
    </message>
    <message>
        <source>relay: lost the broker ({trouble}); reconnecting with backoff, resuming after seq {seq}</source>
        <translation>中继：与消息代理断开（{trouble}）；正在退避重连，将从流水序号 {seq} 之后继续</translation>
    </message>
    <message>
        <source>relay: cursor {cursor}  lag {lag}  {rate} events/s  confirmed {confirmed}</source>
        <translation>中继：游标 {cursor}  滞后 {lag}  每秒 {rate} 个事件  已确认 {confirmed}</translation>
    </message>
    <message>
        <source>  (caught up)</source>
        <translation>  （已追平）</translation>
    </message>
    <message>
        <source>relay: give the broker with --amqp URL or ${variable}</source>
        <translation>中继：请用 --amqp URL 或 ${variable} 指定消息代理</translation>
    </message>
    <message>
        <source>relay: another relay &apos;{name}&apos; is running on this database; not starting a second (use --standby to wait for it)</source>
        <translation>中继：另一个中继“{name}”正在此数据库上运行；不再启动第二个（使用 --standby 等待它）</translation>
    </message>
    <message>
        <source>relay: another relay &apos;{name}&apos; holds the lock; standing by</source>
        <translation>中继：另一个中继“{name}”持有锁；进入待命</translation>
    </message>
    <message>
        <source>relayed {count} events to {exchange} in {batches} batches; cursor at seq {cursor}, lag {lag}</source>
        <translation>已分 {batches} 批向 {exchange} 中继 {count} 个事件；游标位于流水序号 {cursor}，滞后 {lag}</translation>
    </message>
    <message>
        <source>stream-check: give the broker with --amqp URL or ${variable}</source>
        <translation>流校验：请用 --amqp URL 或 ${variable} 指定消息代理</translation>
    </message>
    <message>
        <source>received {received} messages ({duplicates} duplicates skipped): seq {first}..{last}, gaps {gaps} ({missing} events missing), hash chain {chain}</source>
        <translation>已收到 {received} 条消息（跳过重复 {duplicates} 条）：流水序号 {first}..{last}，缺口 {gaps} 处（缺少 {missing} 个事件），哈希链{chain}</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>BROKEN</source>
        <translation>已断裂</translation>
    </message>
    <message>
        <source>no signing key at {path}: run `python main.py init` (or set {variable})</source>
        <translation>{path} 处没有签名密钥：请运行 `python main.py init`（或设置 {variable}）</translation>
    </message>
    <message>
        <source>{path} is not an Ed25519 private key</source>
        <translation>{path} 不是 Ed25519 私钥</translation>
    </message>
    <message>
        <source>{path} is not an Ed25519 public key</source>
        <translation>{path} 不是 Ed25519 公钥</translation>
    </message>
    <message>
        <source>checkpoint signing key: {private} (public key {public}, fingerprint {fingerprint})</source>
        <translation>检查点签名密钥：{private}（公钥 {public}，指纹 {fingerprint}）</translation>
    </message>
    <message>
        <source>the journal is empty: there is no chain head to sign</source>
        <translation>流水为空：没有可签署的链头</translation>
    </message>
    <message>
        <source>the checkpoint was not recorded: {reason}</source>
        <translation>检查点未记录：{reason}</translation>
    </message>
    <message>
        <source>public key written to {path}</source>
        <translation>公钥已写入 {path}</translation>
    </message>
    <message>
        <source>signed checkpoint: {path}</source>
        <translation>已签署检查点：{path}</translation>
    </message>
    <message>
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>NOT met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>limit {limit} {unit}</source>
        <translation>极限 {limit} {unit}</translation>
    </message>
    <message>
        <source>ratio {ratio}</source>
        <translation>比值 {ratio}</translation>
    </message>
    <message>
        <source>goal {goal}</source>
        <translation>目标 {goal}</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>付款账户</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收款账户</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Cur.</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>附言</translation>
    </message>
    <message>
        <source>Teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用余额</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source>Keyed by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Why it waits</source>
        <translation>待复核原因</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Leg</source>
        <translation>分录</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>借方</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>贷方</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>交易笔数</translation>
    </message>
    <message>
        <source>Service, min</source>
        <translation>办理时长（分钟）</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>繁忙度</translation>
    </message>
    <message>
        <source>From \ to</source>
        <translation>从 \ 到</translation>
    </message>
    <message>
        <source>Moves</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Ends in</source>
        <translation>终态</translation>
    </message>
    <message>
        <source>Share (chain)</source>
        <translation>占比（链）</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Arrivals /min</source>
        <translation>到达数／分钟</translation>
    </message>
    <message>
        <source>Tellers needed</source>
        <translation>所需柜员</translation>
    </message>
    <message>
        <source>P(wait)</source>
        <translation>等待概率</translation>
    </message>
    <message>
        <source>Mean wait, min</source>
        <translation>平均等待（分钟）</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>达标率</translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Caps Lock is on</source>
        <translation>大写锁定已打开</translation>
    </message>
    <message>
        <source>{button}  [Enter]</source>
        <translation>{button}  [Enter]</translation>
    </message>
    <message>
        <source>Cancel  [Esc]</source>
        <translation>取消  [Esc]</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>用户名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Type a name and a password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <source>The system failed: {error}</source>
        <translation>系统故障：{error}</translation>
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
    <message>
        <source>drawer {state}</source>
        <translation>钱箱{state}</translation>
    </message>
    <message>
        <source>no drawer open: Ctrl+Shift+O opens one for cash payments</source>
        <translation>钱箱未开启：按 Ctrl+Shift+O 开箱以办理现金业务</translation>
    </message>
    <message>
        <source>being counted (blind count): balance hidden</source>
        <translation>正在清点（盲点）：余额不显示</translation>
    </message>
    <message>
        <source>closed: Ctrl+Shift+O opens it</source>
        <translation>已封箱：按 Ctrl+Shift+O 开箱</translation>
    </message>
    <message>
        <source>not counted open yet: Ctrl+Shift+O</source>
        <translation>尚未开箱清点：按 Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Your drawer session is {state} already.</source>
        <translation>您的钱箱已处于“{state}”状态。</translation>
    </message>
    <message>
        <source>Close a teller&apos;s drawer</source>
        <translation>为柜员封箱</translation>
    </message>
    <message>
        <source>Drawer sessions not closed yet (Up/Down, Enter):</source>
        <translation>尚未封箱的钱箱（上/下键，Enter）：</translation>
    </message>
    <message>
        <source>You have no drawer session to close.</source>
        <translation>您没有需要封箱的钱箱。</translation>
    </message>
    <message>
        <source>Open your drawer first (Ctrl+Shift+O).</source>
        <translation>请先开箱（Ctrl+Shift+O）。</translation>
    </message>
    <message>
        <source>You have no drawer session yet.</source>
        <translation>您还没有钱箱记录。</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>钱箱</translation>
    </message>
</context>
<context>
    <name>DrawerDialogs</name>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>The system failed: {error}</source>
        <translation>系统故障：{error}</translation>
    </message>
    <message>
        <source>Waiting for a supervisor&apos;s approval…</source>
        <translation>等待主管授权…</translation>
    </message>
    <message>
        <source>Open the drawer — opening count</source>
        <translation>开箱 — 开箱清点</translation>
    </message>
    <message>
        <source>Close the drawer — blind count</source>
        <translation>封箱 — 盲点</translation>
    </message>
    <message>
        <source>Count the cash in {drawer} and type the pieces of each note and coin: in the quick count as pieces x note (82x500, Enter; the next), or in the fields (Tab moves on). Enter with the quick count empty records the count.</source>
        <translation>清点 {drawer} 中的现金，输入每种纸币和硬币的张（枚）数：可在快速清点中按“张数x面额”输入（如 82x500，按 Enter，再输下一种），或在各栏中输入（Tab 键切换）。快速清点为空时按 Enter 即登记清点结果。</translation>
    </message>
    <message>
        <source> The expected total is shown only after your count is recorded.</source>
        <translation>应有金额在登记清点结果后才显示。</translation>
    </message>
    <message>
        <source>pieces x note or coin, e.g. 82x500 or 40x0.50</source>
        <translation>张数x面额，例如 82x500 或 40x0.50</translation>
    </message>
    <message>
        <source>&amp;Quick count:</source>
        <translation>快速清点(&amp;Q)：</translation>
    </message>
    <message>
        <source>Record count  [Enter]</source>
        <translation>登记清点  [Enter]</translation>
    </message>
    <message>
        <source>Later  [Esc]</source>
        <translation>稍后  [Esc]</translation>
    </message>
    <message>
        <source>Close drawer  [Enter]</source>
        <translation>封箱  [Enter]</translation>
    </message>
    <message>
        <source>This drawer was counted already. Press Enter to close it.</source>
        <translation>此钱箱已清点。按 Enter 封箱。</translation>
    </message>
    <message>
        <source>Counted: {amount}</source>
        <translation>清点合计：{amount}</translation>
    </message>
    <message>
        <source>There is no {note} note or coin. </source>
        <translation>没有 {note} 面额的纸币或硬币。</translation>
    </message>
    <message>
        <source>Type pieces x note or coin, e.g. 82x500 (at most {most} pieces), then Enter.</source>
        <translation>请输入“张数x面额”，例如 82x500（最多 {most} 张），然后按 Enter。</translation>
    </message>
    <message>
        <source>{pieces} × {note}. Next, or Enter on an empty quick count to record the count.</source>
        <translation>{pieces} × {note}。继续输入下一种，或在快速清点为空时按 Enter 登记。</translation>
    </message>
    <message>
        <source>The count matches.</source>
        <translation>清点相符。</translation>
    </message>
    <message>
        <source>The count is over by {amount}.</source>
        <translation>长款 {amount}。</translation>
    </message>
    <message>
        <source>The count is short by {amount}.</source>
        <translation>短款 {amount}。</translation>
    </message>
    <message>
        <source>Counted {counted}; the drawer should hold {expected}.</source>
        <translation>清点 {counted}；钱箱应有 {expected}。</translation>
    </message>
    <message>
        <source>The drawer is open.</source>
        <translation>钱箱已开启。</translation>
    </message>
    <message>
        <source>Press Enter to close the drawer; a difference goes to the cash over/short account.</source>
        <translation>按 Enter 封箱；差额记入长短款账户。</translation>
    </message>
    <message>
        <source>The drawer is closed.</source>
        <translation>钱箱已封箱。</translation>
    </message>
    <message>
        <source>Cash with the vault</source>
        <translation>与金库调拨现金</translation>
    </message>
    <message>
        <source>From the vault into the drawer</source>
        <translation>从金库调入钱箱</translation>
    </message>
    <message>
        <source>From the drawer to the vault</source>
        <translation>从钱箱上缴金库</translation>
    </message>
    <message>
        <source>e.g. 2,000 or 500+250</source>
        <translation>例如 2,000 或 500+250</translation>
    </message>
    <message>
        <source>Ask a supervisor  [Enter]</source>
        <translation>请主管授权  [Enter]</translation>
    </message>
    <message>
        <source>Drawer {drawer}, vault VAULT-{currency}</source>
        <translation>钱箱 {drawer}，金库 VAULT-{currency}</translation>
    </message>
    <message>
        <source>&amp;Amount ({currency})</source>
        <translation>金额(&amp;A)（{currency}）</translation>
    </message>
    <message>
        <source>Cancel  [Esc]</source>
        <translation>取消  [Esc]</translation>
    </message>
    <message>
        <source>Cash to or from the vault needs a supervisor&apos;s approval.</source>
        <translation>与金库之间调拨现金须经主管授权。</translation>
    </message>
    <message>
        <source>Moved {amount}.</source>
        <translation>已调拨 {amount}。</translation>
    </message>
    <message>
        <source>Save as PDF…  [Ctrl+P]</source>
        <translation>另存为 PDF…  [Ctrl+P]</translation>
    </message>
    <message>
        <source>Save the report as a PDF to print (Ctrl+P)</source>
        <translation>将报表另存为 PDF 以便打印（Ctrl+P）</translation>
    </message>
    <message>
        <source>Close  [Esc]</source>
        <translation>关闭  [Esc]</translation>
    </message>
    <message>
        <source>Save drawer report</source>
        <translation>保存钱箱报表</translation>
    </message>
</context>
<context>
    <name>DrawerReport</name>
    <message>
        <source>Drawer report — {drawer}, teller {teller}, session {session}</source>
        <translation>钱箱报表 — {drawer}，柜员 {teller}，批次 {session}</translation>
    </message>
    <message>
        <source>(nothing counted)</source>
        <translation>（未清点）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Opening count</source>
        <translation>开箱清点</translation>
    </message>
    <message>
        <source>Opening expected</source>
        <translation>开箱应有</translation>
    </message>
    <message>
        <source>Opening approved by</source>
        <translation>开箱授权人</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>现金收入</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>现金付出</translation>
    </message>
    <message>
        <source>Closing expected</source>
        <translation>封箱应有</translation>
    </message>
    <message>
        <source>shown after the closing count</source>
        <translation>封箱清点后显示</translation>
    </message>
    <message>
        <source>Closing counted</source>
        <translation>封箱清点</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Counted by</source>
        <translation>清点人</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>封箱人</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>封箱时间</translation>
    </message>
    <message>
        <source>Difference approved by</source>
        <translation>差额授权人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Denomination</source>
        <translation>面额</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>张（枚）数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Cash movements</source>
        <translation>现金收付</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Counterpart</source>
        <translation>对方账户</translation>
    </message>
    <message>
        <source>In</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>付出</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Closing count</source>
        <translation>封箱清点</translation>
    </message>
    <message>
        <source>Supervisor approvals</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>授权人</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>opening</source>
        <translation>开箱清点中</translation>
    </message>
    <message>
        <source>open</source>
        <translation>已开启</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>封箱清点中</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>cash deposit</source>
        <translation>现金存款</translation>
    </message>
    <message>
        <source>cash withdrawal</source>
        <translation>现金取款</translation>
    </message>
    <message>
        <source>vault to drawer</source>
        <translation>金库调入钱箱</translation>
    </message>
    <message>
        <source>drawer to vault</source>
        <translation>钱箱上缴金库</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>转账</translation>
    </message>
    <message>
        <source>reversal</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>cash over</source>
        <translation>长款</translation>
    </message>
    <message>
        <source>cash short</source>
        <translation>短款</translation>
    </message>
    <message>
        <source>amount over limit</source>
        <translation>金额超限</translation>
    </message>
    <message>
        <source>drawer difference</source>
        <translation>钱箱差额</translation>
    </message>
    <message>
        <source>vault move</source>
        <translation>金库调拨</translation>
    </message>
</context>
<context>
    <name>EventFields</name>
    <message>
        <source>account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>approved by</source>
        <translation>复核人</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>复核人</translation>
    </message>
    <message>
        <source>beneficiary</source>
        <translation>收款人</translation>
    </message>
    <message>
        <source>business date</source>
        <translation>营业日</translation>
    </message>
    <message>
        <source>credit account</source>
        <translation>收款账户</translation>
    </message>
    <message>
        <source>debit account</source>
        <translation>付款账户</translation>
    </message>
    <message>
        <source>decisions</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>expires at</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>附言</translation>
    </message>
    <message>
        <source>reversal</source>
        <translation>冲正交易</translation>
    </message>
    <message>
        <source>reverses payment</source>
        <translation>冲正原交易</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>{field} {value}</source>
        <translation>{field} {value}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{event}: {fields}</source>
        <translation>{event}：{fields}</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <source>Account opened</source>
        <translation>开户</translation>
    </message>
    <message>
        <source>Account status changed</source>
        <translation>账户状态变更</translation>
    </message>
    <message>
        <source>Business date opened</source>
        <translation>营业日开启</translation>
    </message>
    <message>
        <source>Business date closed</source>
        <translation>营业日关闭</translation>
    </message>
    <message>
        <source>Checkpoint signed</source>
        <translation>检查点已签名</translation>
    </message>
    <message>
        <source>Desk locked</source>
        <translation>柜台已锁定</translation>
    </message>
    <message>
        <source>Desk unlocked</source>
        <translation>柜台已解锁</translation>
    </message>
    <message>
        <source>Drawer session started</source>
        <translation>钱箱会话开始</translation>
    </message>
    <message>
        <source>Drawer opened</source>
        <translation>钱箱已开启</translation>
    </message>
    <message>
        <source>Drawer counted</source>
        <translation>钱箱已清点</translation>
    </message>
    <message>
        <source>Drawer closed</source>
        <translation>钱箱已关闭</translation>
    </message>
    <message>
        <source>Login succeeded</source>
        <translation>已登录</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>Operator created</source>
        <translation>操作员已创建</translation>
    </message>
    <message>
        <source>Operator disabled</source>
        <translation>操作员已停用</translation>
    </message>
    <message>
        <source>Operator locked out</source>
        <translation>操作员已锁定</translation>
    </message>
    <message>
        <source>Override granted</source>
        <translation>主管已授权</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>密码已重置</translation>
    </message>
    <message>
        <source>Payment created</source>
        <translation>交易已创建</translation>
    </message>
    <message>
        <source>Payment risk checked</source>
        <translation>风险检查完成</translation>
    </message>
    <message>
        <source>Payment held</source>
        <translation>待复核</translation>
    </message>
    <message>
        <source>Payment approved</source>
        <translation>已复核通过</translation>
    </message>
    <message>
        <source>Payment declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Payment rejected</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Payment posted</source>
        <translation>已记账</translation>
    </message>
    <message>
        <source>Payment reserved</source>
        <translation>资金已冻结</translation>
    </message>
    <message>
        <source>Payment settled</source>
        <translation>已清算</translation>
    </message>
    <message>
        <source>Payment voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Payment reversed</source>
        <translation>已冲正</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>CSV — one payment per row</source>
        <translation>CSV — 每行一笔交易</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel 工作簿（XLSX）</translation>
    </message>
    <message>
        <source>PDF — statement (with account) or teller journal</source>
        <translation>PDF — 对账单（指定账户）或柜员流水</translation>
    </message>
    <message>
        <source>ISO 20022 camt.053 statement (XML)</source>
        <translation>ISO 20022 camt.053 对账单（XML）</translation>
    </message>
    <message>
        <source>Export a report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>all accounts</source>
        <translation>全部账户</translation>
    </message>
    <message>
        <source>all tellers</source>
        <translation>全部柜员</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>格式(&amp;F)</translation>
    </message>
    <message>
        <source>F&amp;rom (YYYY-MM-DD)</source>
        <translation>起始日期(&amp;R)（年-月-日）</translation>
    </message>
    <message>
        <source>&amp;To (YYYY-MM-DD)</source>
        <translation>截止日期(&amp;T)（年-月-日）</translation>
    </message>
    <message>
        <source>&amp;Account (optional)</source>
        <translation>账户(&amp;A)（可选）</translation>
    </message>
    <message>
        <source>T&amp;eller (optional)</source>
        <translation>柜员(&amp;E)（可选）</translation>
    </message>
    <message>
        <source>&amp;Save as</source>
        <translation>保存为(&amp;S)</translation>
    </message>
    <message>
        <source>Enter exports · Esc cancels or closes</source>
        <translation>Enter 导出 · Esc 取消或关闭</translation>
    </message>
    <message>
        <source>&amp;Export  [Enter]</source>
        <translation>导出(&amp;E)  [Enter]</translation>
    </message>
    <message>
        <source>Export (Enter)</source>
        <translation>导出（Enter）</translation>
    </message>
    <message>
        <source>Cancel  [Esc]</source>
        <translation>取消  [Esc]</translation>
    </message>
    <message>
        <source>Cancel the export or close (Esc)</source>
        <translation>取消导出或关闭（Esc）</translation>
    </message>
    <message>
        <source>“{text}” is not a date; write it as YYYY-MM-DD</source>
        <translation>“{text}”不是日期；请按 年-月-日（YYYY-MM-DD）填写</translation>
    </message>
    <message>
        <source>Name the file to write</source>
        <translation>请指定要写入的文件名</translation>
    </message>
    <message>
        <source>Fix the fields marked in red.</source>
        <translation>请更正标红的栏位。</translation>
    </message>
    <message>
        <source>Exporting to {path} …</source>
        <translation>正在导出到 {path} …</translation>
    </message>
    <message>
        <source>Cancel export  [Esc]</source>
        <translation>取消导出  [Esc]</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>正在取消 …</translation>
    </message>
    <message>
        <source>Exported {done} of {total} …</source>
        <translation>已导出 {done} / {total} …</translation>
    </message>
    <message>
        <source>Exported {done} …</source>
        <translation>已导出 {done} …</translation>
    </message>
    <message>
        <source>Close  [Esc]</source>
        <translation>关闭  [Esc]</translation>
    </message>
    <message>
        <source>Wrote {rows} rows to {path}</source>
        <translation>已将 {rows} 行写入 {path}</translation>
    </message>
    <message>
        <source> — total {totals}</source>
        <translation> — 合计 {totals}</translation>
    </message>
    <message>
        <source>Nothing was written: {reason}</source>
        <translation>未写入任何内容：{reason}</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消；未写入文件。</translation>
    </message>
</context>
<context>
    <name>FlowScreen</name>
    <message>
        <source>Flow of the day</source>
        <translation>当日业务流量</translation>
    </message>
    <message>
        <source>Business &amp;date:</source>
        <translation>营业日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Refresh  [F5]</source>
        <translation>刷新  [F5]</translation>
    </message>
    <message>
        <source>Held today:</source>
        <translation>今日待复核：</translation>
    </message>
    <message>
        <source>Waiting now:</source>
        <translation>当前等待：</translation>
    </message>
    <message>
        <source>Decided:</source>
        <translation>已处理：</translation>
    </message>
    <message>
        <source>Wait for a supervisor:</source>
        <translation>等待主管：</translation>
    </message>
    <message>
        <source>Approvals queue (held payments)</source>
        <translation>复核队列（待复核交易）</translation>
    </message>
    <message>
        <source>Staffing plan by hour</source>
        <translation>分时段柜员排班</translation>
    </message>
    <message>
        <source>Arrivals per hour (customers; whiskers: 95 % interval)</source>
        <translation>每小时到达客户数（误差线：95% 区间）</translation>
    </message>
    <message>
        <source>Service time per teller and utilisation</source>
        <translation>各柜员办理时长与利用率</translation>
    </message>
    <message>
        <source>Payments as a Markov chain: transition probabilities (row: from, column: to)</source>
        <translation>交易的马尔可夫链：转移概率（行：从，列：到）</translation>
    </message>
    <message>
        <source>How the day&apos;s payments end</source>
        <translation>当日交易的终态</translation>
    </message>
    <message>
        <source>Tab moves between the tables · F5 refreshes · Esc closes · updates itself as payments are keyed at any desk</source>
        <translation>Tab 在表格间切换 · F5 刷新 · Esc 关闭 · 任一柜台录入交易时自动更新</translation>
    </message>
    <message>
        <source>customers per hour</source>
        <translation>每小时客户数</translation>
    </message>
    <message>
        <source>hour of the day (local)</source>
        <translation>时段（本地时间）</translation>
    </message>
    <message>
        <source>Reading …</source>
        <translation>正在读取 …</translation>
    </message>
    <message>
        <source>Reading stopped: F5 reads again.</source>
        <translation>已停止读取：按 F5 重新读取。</translation>
    </message>
    <message>
        <source>Could not read the figures: {reason}</source>
        <translation>无法读取数据：{reason}</translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>更新于 {time}</translation>
    </message>
    <message>
        <source>Flow of {date} — {count} payments</source>
        <translation>{date} 业务流量 — {count} 笔交易</translation>
    </message>
    <message>
        <source>Utilisation ρ = λ·s/c = {rate}/min × {service} min / {tellers} teller = &lt;b&gt;{share}&lt;/b&gt;</source>
        <translation>利用率 ρ = λ·s/c = {rate}/分钟 × {service} 分钟 / {tellers} 名柜员 = &lt;b&gt;{share}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Utilisation ρ = λ·s/c = {rate}/min × {service} min / {tellers} tellers = &lt;b&gt;{share}&lt;/b&gt;</source>
        <translation>利用率 ρ = λ·s/c = {rate}/分钟 × {service} 分钟 / {tellers} 名柜员 = &lt;b&gt;{share}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Utilisation: needs two payments by one teller.</source>
        <translation>利用率：需要同一柜员至少两笔交易。</translation>
    </message>
    <message>
        <source>{decided} by {supervisors} supervisor</source>
        <translation>{decided} 笔，由 {supervisors} 名主管处理</translation>
    </message>
    <message>
        <source>{decided} by {supervisors} supervisors</source>
        <translation>{decided} 笔，由 {supervisors} 名主管处理</translation>
    </message>
    <message>
        <source>M/M/{servers} predicts {wait} min</source>
        <translation>M/M/{servers} 预测 {wait} 分钟</translation>
    </message>
    <message>
        <source>too few held payments for a prediction</source>
        <translation>待复核交易过少，无法预测</translation>
    </message>
    <message>
        <source>&lt;b&gt;{wait} min&lt;/b&gt; measured (mean) · {predicted}</source>
        <translation>实测平均 &lt;b&gt;{wait} 分钟&lt;/b&gt; · {predicted}</translation>
    </message>
    <message>
        <source>no decision yet</source>
        <translation>尚无处理</translation>
    </message>
    <message>
        <source>From created, a payment takes {steps} moves and {time} min on average to end (Kemeny &amp; Snell: B = (I−Q)⁻¹R).</source>
        <translation>交易从创建起平均经过 {steps} 步、{time} 分钟到达终态（Kemeny 与 Snell：B = (I−Q)⁻¹R）。</translation>
    </message>
    <message>
        <source>No payments on this date.</source>
        <translation>该日无交易。</translation>
    </message>
    <message>
        <source>Staffing plan by hour (Erlang C; target: {share} served within {wait} min; service time {service} min)</source>
        <translation>分时段柜员排班（Erlang C；目标：{share} 的客户在 {wait} 分钟内受理；办理时长 {service} 分钟）</translation>
    </message>
    <message>
        <source>{total} customers · λ̂ = {rate}/min ({hourly}/h)</source>
        <translation>{total} 位客户 · λ̂ = {rate}/分钟（{hourly}/小时）</translation>
    </message>
    <message>
        <source>No customer payments keyed on this date yet.</source>
        <translation>该日尚未录入客户交易。</translation>
    </message>
    <message>
        <source> · too few arrivals for the Poisson check.</source>
        <translation> · 到达数过少，无法做泊松检验。</translation>
    </message>
    <message>
        <source>looks Poisson</source>
        <translation>符合泊松分布</translation>
    </message>
    <message>
        <source>not Poisson: </source>
        <translation>不符合泊松分布：</translation>
    </message>
    <message>
        <source>bunched (over-dispersed)</source>
        <translation>扎堆（过度离散）</translation>
    </message>
    <message>
        <source>too regular (under-dispersed)</source>
        <translation>过于均匀（离散不足）</translation>
    </message>
    <message>
        <source> · Poisson check over {windows} windows of {minutes} min: dispersion index s²/x̄ = {index}, D = {d} against χ² 95 % bounds {low}–{high} (p = {p}): </source>
        <translation> · 泊松检验（{windows} 个 {minutes} 分钟窗口）：离散指数 s²/x̄ = {index}，D = {d}，χ² 95% 区间 {low}–{high}（p = {p}）：</translation>
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
    <name>Formatting</name>
    <message>
        <source>{moment} local time ({zone}, UTC{offset})</source>
        <translation>{moment} 本地时间（{zone}，UTC{offset}）</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <source>Payment {payment_id}</source>
        <translation>交易 {payment_id}</translation>
    </message>
</context>
<context>
    <name>JournalView</name>
    <message>
        <source>Today&apos;s journal</source>
        <translation>今日流水</translation>
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
    <message>
        <source>Vault to drawer</source>
        <translation>金库调入钱箱</translation>
    </message>
    <message>
        <source>Drawer to vault</source>
        <translation>钱箱上缴金库</translation>
    </message>
    <message>
        <source>Cash over</source>
        <translation>长款</translation>
    </message>
    <message>
        <source>Cash short</source>
        <translation>短款</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <source>Reverses</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Reversed by</source>
        <translation>被冲正于</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Desk locked</source>
        <translation>柜台已锁定</translation>
    </message>
    <message>
        <source>This desk locked itself while idle. {operator}: type your password to go on where you left off. A supervisor may unlock it with their own name and password.</source>
        <translation>此柜台因闲置已自动锁定。{operator}：请输入密码以继续之前的操作。主管也可使用自己的用户名和密码解锁。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Log out  [Esc]</source>
        <translation>签退  [Esc]</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Teller Desk — log in</source>
        <translation>柜员终端 — 签到</translation>
    </message>
    <message>
        <source>Log in to work at this desk.</source>
        <translation>请签到后在此柜台办理业务。</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>签到</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Teller Desk — {teller}</source>
        <translation>柜员终端 — {teller}</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Teller {teller} · drawer {drawer}</source>
        <translation>柜员 {teller} · 钱箱 {drawer}</translation>
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
        <source>Select a payment in the journal first (Ctrl+J, arrow keys), then Ctrl+R.</source>
        <translation>请先在流水中选择一笔交易（Ctrl+J，方向键），然后按 Ctrl+R。</translation>
    </message>
    <message>
        <source>Reversed: {kind} of {amount}, account {account} to {to}; the money went back. Reason: {reason}.</source>
        <translation>已冲正：{kind} {amount}，账户 {account} 至 {to}；款项已退回。原因：{reason}。</translation>
    </message>
    <message>
        <source>Post payment</source>
        <translation>记账</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>下一栏／上一栏</translation>
    </message>
    <message>
        <source>Jump to {field}</source>
        <translation>跳到“{field}”</translation>
    </message>
    <message>
        <source>{menu} menu</source>
        <translation>“{menu}”菜单</translation>
    </message>
    <message>
        <source>Reloading the journal…</source>
        <translation>正在重新加载流水…</translation>
    </message>
    <message>
        <source>Journal {date} — {count}</source>
        <translation>流水 {date} — {count}</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>笔交易</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>笔交易</translation>
    </message>
    <message>
        <source>Offline: the database cannot be reached; reconnecting…</source>
        <translation>离线：无法连接数据库，正在重新连接…</translation>
    </message>
    <message>
        <source>Back online.</source>
        <translation>已恢复连接。</translation>
    </message>
    <message>
        <source>System error: {error}</source>
        <translation>系统错误：{error}</translation>
    </message>
    <message>
        <source>Teller Desk — {operator} ({role})</source>
        <translation>柜员终端 — {operator}（{role}）</translation>
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
        <source>This is above your limit: a supervisor must sign it off at this desk.</source>
        <translation>已超出您的权限：须由主管在本柜台授权。</translation>
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
    <message>
        <source>This field holds the wrong kind of value.</source>
        <translation>此栏的数据类型不对。</translation>
    </message>
    <message>
        <source>This number is outside what the field allows.</source>
        <translation>此数值超出本栏允许的范围。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此栏为必填项。</translation>
    </message>
    <message>
        <source>This field is too long.</source>
        <translation>此栏内容过长。</translation>
    </message>
    <message>
        <source>Remove the control characters (tabs, line breaks) from this field.</source>
        <translation>请删除此栏中的控制字符（制表符、换行符）。</translation>
    </message>
    <message>
        <source>That is not a valid number or name for this field.</source>
        <translation>这不是本栏有效的编号或名称。</translation>
    </message>
    <message>
        <source>That is not one of the values this field accepts.</source>
        <translation>此值不在本栏可接受的取值之中。</translation>
    </message>
    <message>
        <source>That is not a calendar date: give it as YYYY-MM-DD.</source>
        <translation>这不是有效的日期：请按 年-月-日（YYYY-MM-DD）填写。</translation>
    </message>
    <message>
        <source>Log in at a desk first: this needs the login session of its operator.</source>
        <translation>请先在柜台登录：此操作需要操作员的登录会话。</translation>
    </message>
    <message>
        <source>This login session is not the operator&apos;s own: log in again.</source>
        <translation>该登录会话不属于此操作员：请重新登录。</translation>
    </message>
    <message>
        <source>You cannot disable yourself.</source>
        <translation>您不能停用自己。</translation>
    </message>
    <message>
        <source>That is not a role of this bank.</source>
        <translation>本行没有这一角色。</translation>
    </message>
    <message>
        <source>A desk can only close its own login session.</source>
        <translation>柜台只能结束自己的登录会话。</translation>
    </message>
    <message>
        <source>That is not a kind of account this bank keeps.</source>
        <translation>本行没有这种账户类型。</translation>
    </message>
    <message>
        <source>Give the holder&apos;s name (1 to 140 characters).</source>
        <translation>请填写户名（1 至 140 个字符）。</translation>
    </message>
    <message>
        <source>That IBAN already belongs to another account.</source>
        <translation>该 IBAN 已属于另一个账户。</translation>
    </message>
    <message>
        <source>That is not a valid IBAN.</source>
        <translation>这不是有效的 IBAN。</translation>
    </message>
    <message>
        <source>An overdraft limit cannot be negative.</source>
        <translation>透支额度不能为负数。</translation>
    </message>
    <message>
        <source>The amount is above this approver&apos;s limit; someone with a higher limit must approve it.</source>
        <translation>金额超出该授权人的权限；须由权限更高的人员授权。</translation>
    </message>
    <message>
        <source>The signed hash is not the one stored at that position: the signature is of another history.</source>
        <translation>签名的哈希值与该位置存储的不一致：该签名属于另一段历史。</translation>
    </message>
    <message>
        <source>Unknown format {format}: choose one of {formats}</source>
        <translation>未知格式 {format}：请从 {formats} 中选择</translation>
    </message>
    <message>
        <source>The period starts ({start}) after it ends ({end})</source>
        <translation>期间的开始日（{start}）晚于结束日（{end}）</translation>
    </message>
    <message>
        <source>The period ends on {end}, after the open business date {today}: end it on {today} or earlier</source>
        <translation>期间结束于 {end}，晚于当前营业日 {today}：请在 {today} 或之前结束</translation>
    </message>
    <message>
        <source>No account {account}</source>
        <translation>无账户 {account}</translation>
    </message>
    <message>
        <source>No operator {teller}</source>
        <translation>无操作员 {teller}</translation>
    </message>
    <message>
        <source>{path} is a folder; name a file to write</source>
        <translation>{path} 是文件夹；请指定要写入的文件</translation>
    </message>
    <message>
        <source>{path} is a file, not a folder</source>
        <translation>{path} 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>Cannot write into {folder}: permission denied</source>
        <translation>无法写入 {folder}：没有权限</translation>
    </message>
    <message>
        <source>Cannot replace {path}: permission denied</source>
        <translation>无法替换 {path}：没有权限</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>未能写入 {path}：{error}</translation>
    </message>
    <message>
        <source>No account moved between {start} and {end}: name an --account for a statement without entries</source>
        <translation>{start} 至 {end} 之间没有账户发生变动：如需无分录的对账单，请用 --account 指定账户</translation>
    </message>
    <message>
        <source>{count} payments do not fit in one XLSX sheet (at most {limit}); export CSV or a shorter period</source>
        <translation>{count} 笔交易超出一张 XLSX 工作表的容量（最多 {limit} 行）；请导出 CSV 或缩短期间</translation>
    </message>
    <message>
        <source>The account is closed: no payments in or out.</source>
        <translation>该账户已销户：不得收付。</translation>
    </message>
    <message>
        <source>That account number already exists.</source>
        <translation>该账号已存在。</translation>
    </message>
    <message>
        <source>The account is frozen: no payments in or out.</source>
        <translation>该账户已冻结：不得收付。</translation>
    </message>
    <message>
        <source>Account numbers are 1 to 34 letters, digits and dashes.</source>
        <translation>账号为 1 至 34 位字母、数字或连字符。</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
    <message>
        <source>Only a supervisor can approve this.</source>
        <translation>只有主管可以授权此项。</translation>
    </message>
    <message>
        <source>The beneficiary&apos;s bank code is 4 to 11 letters and digits (a BIC).</source>
        <translation>收款行代码为 4 至 11 位字母和数字（BIC）。</translation>
    </message>
    <message>
        <source>The beneficiary&apos;s account is 1 to 34 letters, digits, spaces and dashes.</source>
        <translation>收款账号为 1 至 34 位字母、数字、空格或连字符。</translation>
    </message>
    <message>
        <source>Give the beneficiary&apos;s name.</source>
        <translation>请填写收款人户名。</translation>
    </message>
    <message>
        <source>A payment id has 1 to 36 characters.</source>
        <translation>付款编号为 1 至 36 个字符。</translation>
    </message>
    <message>
        <source>That is not a kind of payment this desk makes.</source>
        <translation>本柜台不办理这种付款。</translation>
    </message>
    <message>
        <source>This payment cannot be checked in the state it is in.</source>
        <translation>该付款当前状态下不能进行风险检查。</translation>
    </message>
    <message>
        <source>This payment cannot be held in the state it is in.</source>
        <translation>该付款当前状态下不能挂起待批。</translation>
    </message>
    <message>
        <source>This payment cannot be posted in the state it is in.</source>
        <translation>该付款当前状态下不能记账。</translation>
    </message>
    <message>
        <source>This payment cannot be reserved in the state it is in.</source>
        <translation>该付款当前状态下不能预留资金。</translation>
    </message>
    <message>
        <source>This payment cannot be settled in the state it is in.</source>
        <translation>该付款当前状态下不能清算。</translation>
    </message>
    <message>
        <source>This payment cannot be rejected in the state it is in.</source>
        <translation>该付款当前状态下不能拒绝。</translation>
    </message>
    <message>
        <source>This payment cannot be declined in the state it is in.</source>
        <translation>该付款当前状态下不能驳回。</translation>
    </message>
    <message>
        <source>This payment cannot be voided in the state it is in.</source>
        <translation>该付款当前状态下不能作废。</translation>
    </message>
    <message>
        <source>This payment cannot be reversed in the state it is in.</source>
        <translation>该付款当前状态下不能冲正。</translation>
    </message>
    <message>
        <source>A payment with this id already exists.</source>
        <translation>该付款编号已存在。</translation>
    </message>
    <message>
        <source>That is not this desk&apos;s cash drawer in this currency.</source>
        <translation>这不是本柜台该币种的钱箱。</translation>
    </message>
    <message>
        <source>The count is not valid: each note or coin once, pieces within the limit.</source>
        <translation>清点无效：每种面额只能填一次，张数不得超限。</translation>
    </message>
    <message>
        <source>The account holds another currency than the payment&apos;s.</source>
        <translation>账户币种与交易币种不符。</translation>
    </message>
    <message>
        <source>Move cash from the vault or to the vault.</source>
        <translation>请选择从金库调入或调回金库。</translation>
    </message>
    <message>
        <source>This drawer session is no longer waiting for its opening count.</source>
        <translation>该钱箱已不在等待开箱清点。</translation>
    </message>
    <message>
        <source>This drawer session id is already taken.</source>
        <translation>该钱箱编号已被占用。</translation>
    </message>
    <message>
        <source>No notes or coins are set up for this currency.</source>
        <translation>该币种未设置纸币或硬币面额。</translation>
    </message>
    <message>
        <source>No such drawer session.</source>
        <translation>没有该钱箱。</translation>
    </message>
    <message>
        <source>That business date is already closed.</source>
        <translation>该营业日已日终。</translation>
    </message>
    <message>
        <source>Give the date as YYYY-MM-DD.</source>
        <translation>请按 年-月-日（YYYY-MM-DD）填写日期。</translation>
    </message>
    <message>
        <source>A business date cannot be closed before its calendar day has begun.</source>
        <translation>营业日在其自然日开始前不能日终。</translation>
    </message>
    <message>
        <source>The business date is still open; close it first.</source>
        <translation>营业日尚未日终；请先日终。</translation>
    </message>
    <message>
        <source>That business date was never opened.</source>
        <translation>该营业日从未开启。</translation>
    </message>
    <message>
        <source>That business date was already opened.</source>
        <translation>该营业日已开启过。</translation>
    </message>
    <message>
        <source>That is not a note or coin of this currency.</source>
        <translation>该币种没有此面额的纸币或硬币。</translation>
    </message>
    <message>
        <source>The drawer is being closed and accepts nothing more.</source>
        <translation>钱箱正在封箱，不再受理业务。</translation>
    </message>
    <message>
        <source>Count the cash first; the drawer closes on its count.</source>
        <translation>请先清点现金；钱箱按清点结果封箱。</translation>
    </message>
    <message>
        <source>The drawer is not open: count the opening cash first (Desk menu).</source>
        <translation>钱箱未开启：请先做开箱清点（“柜台”菜单）。</translation>
    </message>
    <message>
        <source>You already have a drawer session: continue it or close it first.</source>
        <translation>您已有一个钱箱：请继续使用或先封箱。</translation>
    </message>
    <message>
        <source>Close every cash drawer first.</source>
        <translation>请先将所有钱箱封箱。</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>您的角色无权办理此项。</translation>
    </message>
    <message>
        <source>Not enough money available on the account for this payment.</source>
        <translation>账户可用余额不足，无法办理此笔交易。</translation>
    </message>
    <message>
        <source>Whoever keyed the payment cannot also approve it: another supervisor must.</source>
        <translation>录入交易的人员不能同时复核：须由另一名主管复核。</translation>
    </message>
    <message>
        <source>A name is 2-32 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter.</source>
        <translation>用户名为 2 至 32 位小写字母、数字、&apos;.&apos;、&apos;_&apos; 或 &apos;-&apos;，且以字母开头。</translation>
    </message>
    <message>
        <source>Only a supervisor can do this.</source>
        <translation>只有主管可以办理此项。</translation>
    </message>
    <message>
        <source>No business date is open.</source>
        <translation>当前没有开启的营业日。</translation>
    </message>
    <message>
        <source>This drawer belongs to another teller.</source>
        <translation>此钱箱属于另一名柜员。</translation>
    </message>
    <message>
        <source>This operator is disabled and may not act.</source>
        <translation>该操作员已停用，不得办理业务。</translation>
    </message>
    <message>
        <source>That operator already exists.</source>
        <translation>该操作员已存在。</translation>
    </message>
    <message>
        <source>This operator is locked out for a while after wrong passwords.</source>
        <translation>密码错误次数过多，该操作员暂时被锁定。</translation>
    </message>
    <message>
        <source>The approver must be another person than the one who keyed it.</source>
        <translation>授权人必须与录入人不是同一人。</translation>
    </message>
    <message>
        <source>The password is too weak or contains the name.</source>
        <translation>密码强度不足或包含用户名。</translation>
    </message>
    <message>
        <source>This payment was already sent; clear the form and key it again.</source>
        <translation>此交易已提交；请清空表单后重新录入。</translation>
    </message>
    <message>
        <source>Possible duplicate: the same amount between the same accounts was keyed a moment ago. Press Enter again to post it anyway.</source>
        <translation>疑似重复：刚刚已在相同账户之间录入过相同金额。如仍要记账，请再按一次 Enter。</translation>
    </message>
    <message>
        <source>Say why.</source>
        <translation>请说明原因。</translation>
    </message>
    <message>
        <source>The reference is too long.</source>
        <translation>附言过长。</translation>
    </message>
    <message>
        <source>A reversal cannot itself be reversed; key a new payment instead.</source>
        <translation>冲正交易本身不能再冲正；请另行录入一笔新交易。</translation>
    </message>
    <message>
        <source>Pick two different accounts.</source>
        <translation>请选择两个不同的账户。</translation>
    </message>
    <message>
        <source>This login session was closed (logged out or locked): log in again.</source>
        <translation>此登录会话已结束（已签退或已锁定）：请重新签到。</translation>
    </message>
    <message>
        <source>No such account.</source>
        <translation>无此账户。</translation>
    </message>
    <message>
        <source>No such operator.</source>
        <translation>无此操作员。</translation>
    </message>
    <message>
        <source>No such payment.</source>
        <translation>无此交易。</translation>
    </message>
    <message>
        <source>Only the operator of this desk or a supervisor can unlock it.</source>
        <translation>只有本柜台的操作员或主管可以解锁。</translation>
    </message>
    <message>
        <source>This account cannot take this kind of payment.</source>
        <translation>该账户不能办理此类交易。</translation>
    </message>
    <message>
        <source>The name or password was not accepted (or the operator is locked out).</source>
        <translation>用户名或密码不正确（或该操作员已被锁定）。</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Supervisor override</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>A supervisor other than {actor} types their name and password here. The approval and both names are recorded.</source>
        <translation>由 {actor} 以外的一名主管在此输入用户名和密码。授权及双方姓名均会记录在案。</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Send to the approvals &amp;queue  [Alt+Q]</source>
        <translation>送复核队列(&amp;Q)  [Alt+Q]</translation>
    </message>
</context>
<context>
    <name>PaymentDetailDialog</name>
    <message>
        <source>Reprint receipt (copy)</source>
        <translation>补打回单（副本）</translation>
    </message>
    <message>
        <source>&amp;Events, in order</source>
        <translation>事件（按顺序）(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Postings</source>
        <translation>会计分录(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Linked payments (Enter opens)</source>
        <translation>关联交易(&amp;L)（Enter 打开）</translation>
    </message>
    <message>
        <source>Alt+E events · Alt+P postings · Alt+L links · Ctrl+P reprint receipt · Esc close</source>
        <translation>Alt+E 事件 · Alt+P 分录 · Alt+L 关联 · Ctrl+P 补打回单 · Esc 关闭</translation>
    </message>
    <message>
        <source>Payment {payment_id}</source>
        <translation>交易 {payment_id}</translation>
    </message>
    <message>
        <source>No payment {payment_id}</source>
        <translation>无交易 {payment_id}</translation>
    </message>
    <message>
        <source>{kind} of {amount} — {status}</source>
        <translation>{kind} {amount} — {status}</translation>
    </message>
    <message>
        <source>Payment id</source>
        <translation>交易编号</translation>
    </message>
    <message>
        <source>From</source>
        <translation>付款账户</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收款账户</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>附言</translation>
    </message>
    <message>
        <source>Teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>Keyed at</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>营业日期</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>{relation} payment {payment_id}</source>
        <translation>{relation} 交易 {payment_id}</translation>
    </message>
    <message>
        <source>No reversal links: this payment reverses nothing and has not been reversed.</source>
        <translation>无冲正关联：此交易未冲正其他交易，也未被冲正。</translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message>
        <source>Type the account, Tab, the amount, Enter to post. Esc clears. F1 lists all keys.</source>
        <translation>输入账号，按 Tab，输入金额，按 Enter 记账。Esc 清空。F1 查看全部快捷键。</translation>
    </message>
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
    <message>
        <source>Already posted: nothing was posted twice.</source>
        <translation>已记账：未重复记账。</translation>
    </message>
    <message>
        <source>Already sent: nothing was sent twice.</source>
        <translation>已提交：未重复提交。</translation>
    </message>
    <message>
        <source>Posting…</source>
        <translation>正在记账…</translation>
    </message>
    <message>
        <source>Checking the supervisor&apos;s approval…</source>
        <translation>正在核验主管授权…</translation>
    </message>
    <message>
        <source>Not posted: the system failed ({error}). Nothing was changed; try again or call support.</source>
        <translation>未记账：系统故障（{error}）。未做任何更改；请重试或联系技术支持。</translation>
    </message>
    <message>
        <source>Posted: {kind} of {amount}, account {account}{holder}.</source>
        <translation>已记账：{kind} {amount}，账户 {account}{holder}。</translation>
    </message>
    <message>
        <source>Held for approval: {reasons}. A supervisor will approve or decline it.</source>
        <translation>待复核：{reasons}。将由主管复核通过或拒绝。</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>Reserved: {amount} from account {account} to {beneficiary} ({name}, {bank})</source>
        <translation>已预留：{amount}，从账户 {account} 至 {beneficiary}（{name}，{bank}）</translation>
    </message>
    <message>
        <source>. The funds are held until the end-of-day settlement with the other bank.</source>
        <translation>。资金冻结至日终与他行清算。</translation>
    </message>
    <message>
        <source>Rejected: {reasons}</source>
        <translation>已拒绝：{reasons}</translation>
    </message>
    <message>
        <source>Not posted: {reason}</source>
        <translation>未记账：{reason}</translation>
    </message>
    <message>
        <source>Enter an account number</source>
        <translation>请输入账号</translation>
    </message>
    <message>
        <source>No account {account}</source>
        <translation>无账户 {account}</translation>
    </message>
    <message>
        <source>Not posted: give the beneficiary&apos;s bank code, account and name.</source>
        <translation>未记账：请填写收款行代码、收款账号和收款人户名。</translation>
    </message>
    <message>
        <source>Not posted: correct the fields marked in red.</source>
        <translation>未记账：请更正标红的栏位。</translation>
    </message>
</context>
<context>
    <name>PdfExport</name>
    <message>
        <source>Teller journal</source>
        <translation>柜员流水</translation>
    </message>
    <message>
        <source>Account statement</source>
        <translation>账户对账单</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>Account {account} · {holder} · {currency} · {period} · times in UTC</source>
        <translation>账户 {account} · {holder} · {currency} · {period} · 时间为 UTC</translation>
    </message>
    <message>
        <source>Opening balance on {date}: {amount}</source>
        <translation>{date} 期初余额：{amount}</translation>
    </message>
    <message>
        <source>Total debits: {debits} entry, {debit_amount}</source>
        <translation>借方合计：{debits} 笔，{debit_amount}</translation>
    </message>
    <message>
        <source>Total debits: {debits} entries, {debit_amount}</source>
        <translation>借方合计：{debits} 笔，{debit_amount}</translation>
    </message>
    <message>
        <source>Total credits: {credits} entry, {credit_amount}</source>
        <translation>贷方合计：{credits} 笔，{credit_amount}</translation>
    </message>
    <message>
        <source>Total credits: {credits} entries, {credit_amount}</source>
        <translation>贷方合计：{credits} 笔，{credit_amount}</translation>
    </message>
    <message>
        <source>Closing balance on {date}: {amount}</source>
        <translation>{date} 期末余额：{amount}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>借方</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>贷方</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Generated {when}</source>
        <translation>生成于 {when}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>Keyed</source>
        <translation>录入</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>付款账户</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收款账户</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Cur.</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>附言</translation>
    </message>
    <message>
        <source>teller {teller}</source>
        <translation>柜员 {teller}</translation>
    </message>
    <message>
        <source>all tellers</source>
        <translation>全部柜员</translation>
    </message>
    <message>
        <source>Business date {date} · {who} · times in UTC</source>
        <translation>营业日期 {date} · {who} · 时间为 UTC</translation>
    </message>
    <message>
        <source>{start} to {end} · {who}</source>
        <translation>{start} 至 {end} · {who}</translation>
    </message>
    <message>
        <source>No payments in this period.</source>
        <translation>该期间无交易。</translation>
    </message>
    <message>
        <source>Totals for the period: {amounts} moved; {rows} payment listed</source>
        <translation>期间合计：发生额 {amounts}；共列出 {rows} 笔交易</translation>
    </message>
    <message>
        <source>Totals for the period: {amounts} moved; {rows} payments listed</source>
        <translation>期间合计：发生额 {amounts}；共列出 {rows} 笔交易</translation>
    </message>
    <message>
        <source>Totals for {date} (payments that moved money)</source>
        <translation>{date} 合计（已发生资金变动的交易）</translation>
    </message>
    <message>
        <source>{kind}: {count} payment, {amount}</source>
        <translation>{kind}：{count} 笔，{amount}</translation>
    </message>
    <message>
        <source>{kind}: {count} payments, {amount}</source>
        <translation>{kind}：{count} 笔，{amount}</translation>
    </message>
    <message>
        <source>cash deposit</source>
        <translation>现金存款</translation>
    </message>
    <message>
        <source>cash withdrawal</source>
        <translation>现金取款</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>转账</translation>
    </message>
    <message>
        <source>interbank transfer</source>
        <translation>跨行转账</translation>
    </message>
    <message>
        <source>reversal</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>vault to drawer</source>
        <translation>金库调入钱箱</translation>
    </message>
    <message>
        <source>drawer to vault</source>
        <translation>钱箱上缴金库</translation>
    </message>
    <message>
        <source>cash over</source>
        <translation>长款</translation>
    </message>
    <message>
        <source>cash short</source>
        <translation>短款</translation>
    </message>
</context>
<context>
    <name>ProgressStrip</name>
    <message>
        <source>Cancel  [Esc]</source>
        <translation>取消  [Esc]</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
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
    <name>ReversalDialog</name>
    <message>
        <source>Reverse payment</source>
        <translation>冲正交易</translation>
    </message>
    <message>
        <source>Reverse this {kind} of {amount}?</source>
        <translation>冲正这笔{kind} {amount}？</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>From</source>
        <translation>付款账户</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收款账户</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>营业日期</translation>
    </message>
    <message>
        <source>Keyed at</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <source>Keyed by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>附言</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>A new payment moves the money back; both stay in the journal, linked to each other.</source>
        <translation>将新建一笔交易把款项退回；两笔交易均保留在流水中并相互关联。</translation>
    </message>
    <message>
        <source>Why is it reversed? (required)</source>
        <translation>冲正原因（必填）</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Enter: reverse    Esc: cancel</source>
        <translation>Enter：冲正    Esc：取消</translation>
    </message>
    <message>
        <source>Type the reason first.</source>
        <translation>请先输入原因。</translation>
    </message>
    <message>
        <source>Reversing…</source>
        <translation>正在冲正…</translation>
    </message>
    <message>
        <source>Not reversed: {reason}</source>
        <translation>未冲正：{reason}</translation>
    </message>
</context>
<context>
    <name>Risk</name>
    <message>
        <source>{reason}; approved at the desk by {approver}</source>
        <translation>{reason}；已由 {approver} 在柜台授权</translation>
    </message>
    <message>
        <source>{amount} is above the bank&apos;s absolute limit of {limit}</source>
        <translation>{amount} 超过本行单笔绝对限额 {limit}</translation>
    </message>
    <message>
        <source>{amount} is above the {role}&apos;s limit of {limit} for one payment</source>
        <translation>{amount} 超过{role}单笔限额 {limit}</translation>
    </message>
    <message>
        <source>Account {account} would send {total} today, above its daily limit of {limit}</source>
        <translation>账户 {account} 今日付出将达 {total}，超过每日限额 {limit}</translation>
    </message>
    <message>
        <source>Account {account} has made {count} payments in {minutes} minutes; more than {most} needs a supervisor</source>
        <translation>账户 {account} 在 {minutes} 分钟内已发生 {count} 笔交易；超过 {most} 笔须经主管复核</translation>
    </message>
    <message>
        <source>Teller {teller} would have keyed {total} today, above the daily limit of {limit}</source>
        <translation>柜员 {teller} 今日录入金额将达 {total}，超过每日限额 {limit}</translation>
    </message>
    <message>
        <source>Cash of {amount} or more is reported to the regulator</source>
        <translation>{amount} 及以上的现金交易须向监管机构报告</translation>
    </message>
    <message>
        <source>The name {name} matches {listed} on the block list ({score}% alike)</source>
        <translation>户名 {name} 与黑名单中的 {listed} 相似（相似度 {score}%）</translation>
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
        <translation>待复核</translation>
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
