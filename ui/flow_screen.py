"""The Flow screen (supervisors): the day's arrivals with the Poisson check, service
time and utilisation, the approvals queue against its M/M/c prediction, the payments as
a Markov chain, and the staffing plan by hour, refreshed as payment events arrive.

The figures come from a plain callable (business date -> FlowFigures) that the
composition root hands in; it is run on a thread pool, never on the GUI thread, since
with many desks the database may be across a network.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bus import Event
from domain.eventstore.events import DomainEvent
from domain.operators.roles import SUPERVISING
from ui.bridge import EventBridge
from ui.formatting import business_date, status_label
from ui.long_task import LongTask, ProgressStrip
from ui.table_model import Index, RowsModel, row_picker

if TYPE_CHECKING:
    from domain.flow.figures import FlowFigures

FlowReader = Callable[[date], "FlowFigures"]

SHORTCUT = "Ctrl+Shift+F"
# Live, but never more than one read a second however busy the desks are.
REFRESH_DEBOUNCE_MS = 1000
NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def state_label(state: str) -> str:
    return status_label(state)


def percent(share: float) -> str:
    return f"{share * 100:.1f} %"


def minutes(value: float) -> str:
    return "∞" if math.isinf(value) else f"{value:.2f}"


# -- tables ---------------------------------------------------------------------------------


class FiguresModel(RowsModel[tuple[str, ...]]):
    """Rows of display strings; the first column is a name, the others numbers."""

    def __init__(self) -> None:
        super().__init__()
        self.bold_row = -1

    def reset(
        self,
        rows: Sequence[tuple[str, ...]],
        columns: Sequence[str] | None = None,
        bold_row: int = -1,
    ) -> None:
        if columns is not None:
            self.columns = tuple(columns)
        self.bold_row = bold_row
        self.reset_rows([tuple(row) for row in rows])

    def cell(self, row: tuple[str, ...], column: int, role: int) -> Any:
        if not 0 <= column < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return NUMBER_ALIGN
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid() and index.row() == self.bold_row:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def text(self, row: int, column: str) -> str:
        return self.row(row)[self.columns.index(column)]

    def column(self, name: str) -> dict[str, str]:
        """The named column keyed by the first one: what a reader finds on a row."""
        where = self.columns.index(name)
        return {row[0]: row[where] for row in self._rows}


class TellersModel(FiguresModel):
    columns = ("Teller", "Payments", "Service, min", "Busy")

    def show(self, figures: FlowFigures) -> None:
        self.reset(
            [
                (
                    t.teller,
                    str(t.payments),
                    minutes(t.mean_service_min) if t.mean_service_min else "—",
                    percent(t.busy_share),
                )
                for t in figures.tellers
            ]
        )


class TransitionsModel(FiguresModel):
    """p̂ᵢⱼ = nᵢⱼ/nᵢ: rows the states payments left, columns the states they went to."""

    columns = ("From \\ to",)

    def show(self, figures: FlowFigures) -> None:
        chain = figures.chain
        if chain is None:
            self.reset([], ("From \\ to",))
            return
        states = chain.states
        rows = range(len(chain.transient))
        targets = [j for j in range(len(states)) if any(chain.matrix[i][j] > 0 for i in rows)]
        table = []
        for i in rows:
            moves = sum(chain.counts[i])
            table.append(
                (
                    state_label(chain.transient[i]),
                    *(f"{chain.matrix[i][j]:.3f}" if chain.matrix[i][j] else "" for j in targets),
                    str(moves),
                )
            )
        self.reset(table, ("From \\ to", *(state_label(states[j]) for j in targets), "Moves"))


class EndsModel(FiguresModel):
    columns = ("Ends in", "Share (chain)", "Payments")

    def show(self, figures: FlowFigures) -> None:
        ranked = sorted(figures.ending.items(), key=lambda item: (-item[1], item[0]))
        self.reset(
            [
                (state_label(state), percent(share), str(figures.ended.get(state, 0)))
                for state, share in ranked
            ]
        )


class StaffingModel(FiguresModel):
    columns = (
        "Hour",
        "Arrivals /min",
        "Tellers needed",
        "P(wait)",
        "Mean wait, min",
        "Within target",
    )

    def show(self, figures: FlowFigures) -> None:
        plan = figures.staffing
        peak = max(range(len(plan)), key=lambda i: plan[i].tellers_needed, default=-1)
        self.reset(
            [
                (
                    f"{r.hour:02d}:00–{(r.hour + 1) % 24:02d}:00",
                    f"{r.arrival_rate_per_min:.2f}",
                    str(r.tellers_needed),
                    percent(r.probability_of_waiting),
                    minutes(r.mean_wait_min),
                    percent(r.share_within_target),
                )
                for r in plan
            ],
            bold_row=peak,
        )


# -- reading off the GUI thread -------------------------------------------------------------


# -- the screen -----------------------------------------------------------------------------


def _table(name: str, model: FiguresModel, fit: bool = False) -> QTableView:
    """`fit`: columns as wide as their contents (many columns), else sharing the width."""
    view = row_picker(name, model)
    view.horizontalHeader().setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents if fit else QHeaderView.ResizeMode.Stretch
    )
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(24)
    return view


def _section(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class FlowScreen(QDialog):
    refreshed = Signal()  # the figures on screen were just replaced

    def __init__(
        self,
        reader: FlowReader,
        bridge: EventBridge,
        business_date: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("flow_screen")
        self.setWindowTitle(self.tr("Flow of the day"))
        self._reader = reader
        self._task: LongTask | None = None
        self._asked = 0  # number of the latest read asked for
        self._reading = False
        self._again = False
        self.figures: FlowFigures | None = None
        self.reads = 0  # reads delivered, for the curious (and the tests)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.date = QDateEdit()
        self.date.setObjectName("flow_date")
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.date.setDate(QDate(business_date.year, business_date.month, business_date.day))
        date_label = QLabel(self.tr("Business &date:"))
        date_label.setBuddy(self.date)
        self.refresh_button = QPushButton(self.tr("Refresh  [F5]"))
        self.refresh_button.setObjectName("flow_refresh")
        self.refresh_button.setAutoDefault(False)
        self.status = QLabel()
        self.status.setObjectName("flow_status")
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(date_label)
        header.addWidget(self.date)
        header.addWidget(self.refresh_button)

        self.plot = self._arrivals_plot()
        self.poisson = QLabel()
        self.poisson.setObjectName("flow_poisson")
        self.poisson.setWordWrap(True)
        self.tellers_model = TellersModel()
        self.tellers = _table("flow_tellers", self.tellers_model)
        self.utilisation = QLabel()
        self.utilisation.setObjectName("flow_utilisation")
        self.utilisation.setWordWrap(True)
        self.approvals_form = QFormLayout()
        self.held = QLabel()
        self.waiting = QLabel()
        self.decided = QLabel()
        self.supervisor_wait = QLabel()
        self.supervisor_wait.setObjectName("flow_supervisor_wait")
        self.supervisor_wait.setWordWrap(True)
        for text, label in (
            (self.tr("Held today:"), self.held),
            (self.tr("Waiting now:"), self.waiting),
            (self.tr("Decided:"), self.decided),
            (self.tr("Wait for a supervisor:"), self.supervisor_wait),
        ):
            self.approvals_form.addRow(text, label)
        approvals_box = QGroupBox(self.tr("Approvals queue (held payments)"))
        approvals_box.setLayout(self.approvals_form)
        self.transitions_model = TransitionsModel()
        self.transitions = _table("flow_transitions", self.transitions_model, fit=True)
        self.ends_model = EndsModel()
        self.ends = _table("flow_ends", self.ends_model)
        self.chain_note = QLabel()
        self.chain_note.setWordWrap(True)
        self.staffing_model = StaffingModel()
        self.staffing = _table("flow_staffing", self.staffing_model)
        self.staffing_box = _section(self.tr("Staffing plan by hour"), self.staffing)

        grid = QGridLayout()
        grid.addWidget(
            _section(
                self.tr("Arrivals per hour (customers; whiskers: 95 % interval)"),
                self.plot,
                self.poisson,
            ),
            0,
            0,
            1,
            2,
        )
        side = QVBoxLayout()
        side.addWidget(approvals_box)
        side.addWidget(
            _section(
                self.tr("Service time per teller and utilisation"), self.tellers, self.utilisation
            ),
            1,
        )
        grid.addLayout(side, 0, 2)
        chain_box = _section(
            self.tr("Payments as a Markov chain: transition probabilities (row: from, column: to)"),
            self.transitions,
        )
        ends_box = _section(self.tr("How the day's payments end"), self.ends, self.chain_note)
        # Room for every state a payment can leave (five) without scrolling.
        self.transitions.setMinimumHeight(6 * 24 + 8)
        self.ends.setMinimumHeight(3 * 24 + 8)
        markov_column = QVBoxLayout()
        markov_column.addWidget(chain_box, 3)
        markov_column.addWidget(ends_box, 2)
        grid.addLayout(markov_column, 1, 0)
        grid.addWidget(self.staffing_box, 1, 1, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(grid)
        hint = QLabel(
            self.tr(
                "Tab moves between the tables · F5 refreshes · Esc closes · "
                "updates itself as payments are keyed at any desk"
            )
        )
        hint.setStyleSheet("color: #555;")
        footer = QHBoxLayout()
        footer.addWidget(hint)
        footer.addStretch(1)
        footer.addWidget(self.status)
        # A read takes seconds on a long day: a busy bar, and Esc stops waiting for it.
        self.progress = ProgressStrip(self, self)
        footer.addWidget(self.progress, 1)
        layout.addLayout(footer)
        for first, second in (
            (self.date, self.refresh_button),
            (self.refresh_button, self.tellers),
            (self.tellers, self.transitions),
            (self.transitions, self.ends),
            (self.ends, self.staffing),
        ):
            QWidget.setTabOrder(first, second)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(REFRESH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.date.dateChanged.connect(self.refresh)
        bridge.event_arrived.connect(self.on_event)
        self.resize(1280, 860)

    def _arrivals_plot(self) -> Any:
        import pyqtgraph as pg  # only when the screen is opened: it is slow to import

        widget = pg.PlotWidget(background="w")
        widget.setObjectName("flow_arrivals_plot")
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        widget.setMinimumHeight(220)
        item = widget.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen("#333"))
            axis.setTextPen(pg.mkPen("#111"))
        item.setLabel("left", self.tr("customers per hour"))
        item.setLabel("bottom", self.tr("hour of the day (local)"))
        item.showGrid(y=True, alpha=0.25)
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        return widget

    # -- reading -----------------------------------------------------------------------------

    def business_date(self) -> date:
        chosen = self.date.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def refresh(self) -> None:
        """Read the figures again, on the pool; a refresh asked while one runs is done
        once after it."""
        self._debounce.stop()
        if self._reading:
            self._again = True
            return
        self._reading = True
        self._asked += 1
        reader, chosen, number = self._reader, self.business_date(), self._asked
        task = LongTask(lambda _progress, _cancelled: reader(chosen), self)
        task.succeeded.connect(lambda figures: self._show(number, figures))
        task.failed.connect(lambda message: self._failed(number, message))
        task.cancelled.connect(self._cancelled)
        self._task = task
        self.status.setText(self.tr("Reading …"))
        self.progress.run(self.tr("Reading …"), task)

    def on_event(self, event: Event) -> None:
        if (
            isinstance(event, DomainEvent)
            and event.aggregate_type == "payment"
            and self.isVisible()
            and not self._debounce.isActive()
        ):
            self._debounce.start()

    def _cancelled(self) -> None:
        # The figures only read: nothing is left half done, and F5 reads again.
        self.status.setStyleSheet("color: #555;")
        self.status.setText(self.tr("Reading stopped: F5 reads again."))
        self._again = False
        self._read_done()

    def _read_done(self) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, number: int, message: str) -> None:
        self.status.setText(self.tr("Could not read the figures: {reason}").format(reason=message))
        self.status.setStyleSheet("color: #b00020;")
        self._read_done()

    def _show(self, number: int, figures: FlowFigures) -> None:
        self.reads += 1
        if figures.business_date == self.business_date():
            self.figures = figures
            self._fill(figures)
            self.status.setStyleSheet("color: #555;")
            self.status.setText(self.tr("Updated {time}").format(time=f"{datetime.now():%H:%M:%S}"))
            self.refreshed.emit()
        self._read_done()

    def wait_idle(self, msecs: int = 10_000) -> bool:
        """The last read's thread has ended (its answer may still be on its way)."""
        return self._task is None or self._task.wait(msecs / 1000)

    def done(self, result: int) -> None:
        # Closing the screen stops waiting for a read still running.
        if self.progress.task is not None:
            self.progress.task.cancel()
        super().done(result)

    # -- showing -----------------------------------------------------------------------------

    def _fill(self, f: FlowFigures) -> None:
        self.title.setText(
            self.tr("Flow of {date} — {count} payments").format(
                date=business_date(f.business_date), count=f.payments
            )
        )
        self._fill_arrivals(f)
        self.tellers_model.show(f)
        on_duty = len(f.tellers)
        if on_duty and f.service_min:
            self.utilisation.setText(
                (
                    self.tr(
                        "Utilisation ρ = λ·s/c = {rate}/min × {service} min / {tellers} teller = "
                        "<b>{share}</b>"
                    )
                    if on_duty == 1
                    else self.tr(
                        "Utilisation ρ = λ·s/c = {rate}/min × {service} min / {tellers} tellers = "
                        "<b>{share}</b>"
                    )
                ).format(
                    rate=f"{f.arrivals.rate_per_min:.2f}",
                    service=f"{f.service_min:.2f}",
                    tellers=on_duty,
                    share=percent(f.utilisation),
                )
            )
        else:
            self.utilisation.setText(self.tr("Utilisation: needs two payments by one teller."))
        a = f.approvals
        self.held.setText(str(a.held))
        self.waiting.setText(f"<b>{a.waiting}</b>")
        self.decided.setText(
            (
                self.tr("{decided} by {supervisors} supervisor")
                if a.supervisors == 1
                else self.tr("{decided} by {supervisors} supervisors")
            ).format(decided=a.decided, supervisors=a.supervisors)
        )
        if a.decided:
            predicted = (
                self.tr("M/M/{servers} predicts {wait} min").format(
                    servers=max(1, a.supervisors), wait=minutes(a.predicted_mean_wait_min)
                )
                if a.predicted_mean_wait_min
                else self.tr("too few held payments for a prediction")
            )
            self.supervisor_wait.setText(
                self.tr("<b>{wait} min</b> measured (mean) · {predicted}").format(
                    wait=minutes(a.measured_mean_wait_min), predicted=predicted
                )
            )
        else:
            self.supervisor_wait.setText(self.tr("no decision yet"))
        self.transitions_model.show(f)
        self.ends_model.show(f)
        if f.absorption is not None and "created" in f.absorption.transient:
            start = f.absorption.transient.index("created")
            self.chain_note.setText(
                self.tr(
                    "From created, a payment takes {steps} moves and {time} min on average "
                    "to end (Kemeny & Snell: B = (I−Q)⁻¹R)."
                ).format(
                    steps=f"{f.absorption.expected_steps[start]:.2f}",
                    time=minutes(f.absorption.expected_time[start]),
                )
            )
        else:
            self.chain_note.setText(self.tr("No payments on this date."))
        self.staffing_box.setTitle(
            self.tr(
                "Staffing plan by hour (Erlang C; target: {share} served within "
                "{wait} min; service time {service} min)"
            ).format(
                share=f"{f.target_share:.0%}",
                wait=f"{f.target_wait_min:g}",
                service=f"{f.service_min:.2f}",
            )
        )
        self.staffing_model.show(f)

    def _fill_arrivals(self, f: FlowFigures) -> None:
        import pyqtgraph as pg

        item = self.plot.getPlotItem()
        item.clear()
        hours = f.arrivals.hours
        if hours:
            xs = [h.hour for h in hours]
            counts = [h.arrivals for h in hours]
            item.addItem(
                pg.BarGraphItem(
                    x=xs, height=counts, width=0.7, brush="#4a78c2", pen=pg.mkPen("#1f4e9c")
                )
            )
            import numpy as np

            top = [h.high_per_min * 60 - h.arrivals for h in hours]
            bottom = [h.arrivals - h.low_per_min * 60 for h in hours]
            item.addItem(
                pg.ErrorBarItem(
                    x=np.array(xs, float),
                    y=np.array(counts, float),
                    top=np.array(top),
                    bottom=np.array(bottom),
                    beam=0.2,
                    pen=pg.mkPen("#333", width=1.5),
                )
            )
            item.getAxis("bottom").setTicks([[(h, f"{h:02d}") for h in xs]])
            item.setXRange(min(xs) - 0.6, max(xs) + 0.6, padding=0)
            item.setYRange(0, max(h.high_per_min * 60 for h in hours) * 1.05, padding=0)
        s = f.arrivals
        test = s.dispersion
        rate = self.tr("{total} customers · λ̂ = {rate}/min ({hourly}/h)").format(
            total=s.total, rate=f"{s.rate_per_min:.2f}", hourly=f"{s.rate_per_min * 60:.1f}"
        )
        if not s.total:
            self.poisson.setText(self.tr("No customer payments keyed on this date yet."))
            return
        if test is None:
            self.poisson.setText(rate + self.tr(" · too few arrivals for the Poisson check."))
            return
        verdict = (
            "<b style='color:#1b5e20'>" + self.tr("looks Poisson") + "</b>"
            if test.poisson_plausible
            else "<b style='color:#b00020'>"
            + self.tr("not Poisson: ")
            + (
                self.tr("bunched (over-dispersed)")
                if test.statistic > test.high
                else self.tr("too regular (under-dispersed)")
            )
            + "</b>"
        )
        self.poisson.setText(
            rate
            + self.tr(
                " · Poisson check over {windows} windows of {minutes} min: "
                "dispersion index s²/x̄ = {index}, D = {d} against "
                "χ² 95 % bounds {low}–{high} (p = {p}): "
            ).format(
                windows=test.windows,
                minutes=s.window_minutes,
                index=f"{test.index:.2f}",
                d=f"{test.statistic:.1f}",
                low=f"{test.low:.1f}",
                high=f"{test.high:.1f}",
                p=f"{test.p_value:.2f}",
            )
            + verdict
        )

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()


class FlowScreens:
    """The Supervisor menu's entry for the Flow screen, and the one screen it opens."""

    def __init__(
        self,
        window: QMainWindow,
        reader: FlowReader,
        role: str,
        bridge: EventBridge,
        today: Callable[[], date | None],
    ) -> None:
        self._window = window
        self._reader = reader
        self._role = role
        self._bridge = bridge
        self._today = today
        self.screen: FlowScreen | None = None
        self.refusal: QMessageBox | None = None

    def install(self, action: Callable[[str, str, Callable[[], object]], Any]) -> None:
        menu = self._window.menuBar().findChild(QMenu, "supervisor_menu")
        if menu is None:
            menu = self._window.menuBar().addMenu(
                QCoreApplication.translate("FlowScreens", "&Supervisor")
            )
        menu.addSeparator()
        menu.addAction(
            action(
                QCoreApplication.translate("FlowScreens", "Flow of the day…"), SHORTCUT, self.open
            )
        )

    def open(self) -> FlowScreen | None:
        if self._role not in SUPERVISING:
            text = QCoreApplication.translate(
                "FlowScreens",
                "The Flow screen is for supervisors and admins; you are logged in as a {role}.",
            ).format(role=self._role)
            self._window.statusBar().showMessage(text, 10000)
            self.refusal = QMessageBox(
                QMessageBox.Icon.Information,
                QCoreApplication.translate("FlowScreens", "Flow of the day"),
                text,
                QMessageBox.StandardButton.Ok,
                self._window,
            )
            self.refusal.open()
            return None
        if self.screen is None:
            self.screen = FlowScreen(
                self._reader, self._bridge, self._today() or date.today(), self._window
            )
        if self.screen.isVisible():
            self.screen.refresh()
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        self.screen.tellers.setFocus()
        return self.screen

    def close(self) -> None:
        if self.screen is not None:
            self.screen.close()
            self.screen.wait_idle()
