#include "timing/LightCurveView.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "fits/FitsError.h"

namespace xsky::widgets {

namespace {

const QColor kBandColours[] = {QColor(31, 119, 180), QColor(214, 39, 40), QColor(44, 160, 44),
                               QColor(148, 103, 189), QColor(140, 86, 75)};

// The gaps to shade: between GTIs, else between bins that do not touch.
std::vector<std::pair<double, double>> gapsOf(const timing::LightCurveSet& set) {
  std::vector<std::pair<double, double>> gaps;
  const auto& iv = set.gti.intervals();
  if (iv.size() > 1) {
    for (size_t i = 1; i < iv.size(); ++i) gaps.emplace_back(iv[i - 1].stop, iv[i].start);
    return gaps;
  }
  if (set.bands.empty()) return gaps;
  const timing::LightCurveBand& b = set.bands.front();
  for (size_t i = 1; i < b.start.size(); ++i) {
    const double end = b.start[i - 1] + b.width[i - 1];
    if (b.start[i] - end > 0.01 * b.width[i - 1]) gaps.emplace_back(end, b.start[i]);
  }
  return gaps;
}

}  // namespace

LightCurveView::LightCurveView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("lightCurveView"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* controls = new QHBoxLayout;
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("lightCurveTitle"));
  mode_ = new QComboBox(this);
  mode_->setObjectName(QStringLiteral("rebinMode"));
  mode_->addItems({tr("As read"), tr("Bin width (s)"), tr("Merge N bins"), tr("Min counts/bin")});
  value_ = new QDoubleSpinBox(this);
  value_->setObjectName(QStringLiteral("rebinValue"));
  value_->setRange(0, 1e9);
  value_->setDecimals(1);
  value_->setValue(2);
  apply_ = new QPushButton(tr("Rebin"), this);
  apply_->setObjectName(QStringLiteral("rebinApply"));
  p0_ = new QDoubleSpinBox(this);
  p0_->setObjectName(QStringLiteral("blocksP0"));
  p0_->setRange(1e-6, 0.5);
  p0_->setDecimals(4);
  p0_->setSingleStep(0.01);
  p0_->setValue(0.05);
  p0_->setPrefix(QStringLiteral("p0 "));
  blocks_ = new QPushButton(tr("Bayesian Blocks"), this);
  blocks_->setObjectName(QStringLiteral("blocksRun"));
  controls->addWidget(title_, 1);
  controls->addWidget(mode_);
  controls->addWidget(value_);
  controls->addWidget(apply_);
  controls->addSpacing(12);
  controls->addWidget(p0_);
  controls->addWidget(blocks_);
  layout->addLayout(controls);
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("lightCurvePlot"));
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->setMinimumHeight(360);
  layout->addWidget(plot_, 1);

  rebinWatcher_ = new QFutureWatcher<Shown>(this);
  blocksWatcher_ = new QFutureWatcher<Blocks>(this);
  connect(apply_, &QPushButton::clicked, this, &LightCurveView::applyControls);
  connect(blocks_, &QPushButton::clicked, this, [this] { runBlocks(p0_->value()); });
  connect(rebinWatcher_, &QFutureWatcher<Shown>::finished, this, [this] {
    const Shown s = rebinWatcher_->result();
    if (!s.error.isEmpty()) {
      Q_EMIT message(tr("Light curve: %1").arg(s.error));
      Q_EMIT updated();
      return;
    }
    rebuild(s);
    Q_EMIT updated();
  });
  connect(blocksWatcher_, &QFutureWatcher<Blocks>::finished, this, [this] {
    const Blocks b = blocksWatcher_->result();
    if (!b.error.isEmpty()) Q_EMIT message(tr("Bayesian blocks: %1").arg(b.error));
    drawBlocks(b.blocks);
  });
}

LightCurveView::~LightCurveView() {
  rebinWatcher_->waitForFinished();
  blocksWatcher_->waitForFinished();
}

bool LightCurveView::busy() const { return rebinWatcher_->isRunning() || blocksWatcher_->isRunning(); }

QCPAxisRect* LightCurveView::bandRect(int i) const { return rects_.at(size_t(i)); }

void LightCurveView::setLightCurves(timing::LightCurveSet set) {
  original_ = std::move(set);
  mode_->setCurrentIndex(0);
  rebin(timing::RebinMode::AsRead, 0);
}

void LightCurveView::applyControls() {
  const auto mode = static_cast<timing::RebinMode>(mode_->currentIndex());
  rebin(mode, value_->value());
}

void LightCurveView::rebin(timing::RebinMode mode, double value) {
  const timing::LightCurveSet source = original_;
  rebinWatcher_->setFuture(QtConcurrent::run([source, mode, value] {
    Shown s;
    try {
      s.set = timing::rebinSet(source, mode, value);
      if (s.set.bands.size() > 1)
        s.hardness = timing::hardnessCurve(s.set.bands.front(), s.set.bands.back());
    } catch (const Error& e) {
      s.error = e.message();
    }
    return s;
  }));
}

void LightCurveView::runBlocks(double p0) {
  const timing::LightCurveSet set = shown_;
  blocksWatcher_->setFuture(QtConcurrent::run([set, p0] {
    Blocks b;
    try {
      b.blocks = timing::bandBlocks(set, p0);
    } catch (const Error& e) {
      b.error = e.message();
    }
    return b;
  }));
}

void LightCurveView::rebuild(const Shown& shown) {
  shown_ = shown.set;
  plot_->clearPlottables();
  plot_->clearItems();
  plot_->plotLayout()->clear();
  bandGraphs_.clear();
  backgroundGraphs_.clear();
  blockGraphs_.clear();
  gapRects_.clear();
  rects_.clear();
  hardnessGraph_ = nullptr;
  const timing::LightCurveSet& set = shown_;
  t0_ = set.bands.empty() || set.bands.front().start.empty() ? 0.0 : set.bands.front().start.front();
  title_->setText(tr("%1  —  T0 = %2 s (%3)  %4 band(s)")
                      .arg(set.title)
                      .arg(t0_, 0, 'f', 1)
                      .arg(set.timeSystem.isEmpty() ? tr("time system unknown") : set.timeSystem)
                      .arg(set.bands.size()));
  auto* margins = new QCPMarginGroup(plot_);
  auto addRect = [&](const QString& yLabel) {
    auto* rect = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(static_cast<int>(rects_.size()), 0, rect);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    rect->axis(QCPAxis::atLeft)->setLabel(yLabel);
    rect->axis(QCPAxis::atLeft)->ticker()->setTickCount(3);  // short panels: few, legible ticks
    rect->axis(QCPAxis::atBottom)->setTickLabels(false);
    rects_.push_back(rect);
    return rect;
  };
  auto addPoints = [&](QCPAxisRect* rect, const std::vector<double>& t,
                       const std::vector<double>& y, const std::vector<double>& e,
                       const QColor& colour) {
    QCPGraph* g = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    QVector<double> x(qsizetype(t.size())), v(qsizetype(t.size())), err(qsizetype(t.size()));
    for (size_t i = 0; i < t.size(); ++i) {
      x[qsizetype(i)] = t[i] - t0_;
      v[qsizetype(i)] = y[i];
      err[qsizetype(i)] = e[i];
    }
    g->setData(x, v, true);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, 4));
    g->setPen(QPen(colour));
    auto* bars = new QCPErrorBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    bars->setDataPlottable(g);
    bars->setData(err);
    bars->setPen(QPen(colour.lighter(130)));
    return g;
  };
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (size_t b = 0; b < set.bands.size(); ++b) {
    const timing::LightCurveBand& band = set.bands[b];
    QCPAxisRect* rect = addRect(tr("%1\n(count/s)").arg(band.name));
    std::vector<double> centre(band.start.size());
    for (size_t i = 0; i < centre.size(); ++i) centre[i] = band.start[i] + 0.5 * band.width[i];
    if (!band.start.empty()) {
      lo = std::min(lo, band.start.front() - t0_);
      hi = std::max(hi, band.start.back() + band.width.back() - t0_);
    }
    const QColor colour = kBandColours[b % std::size(kBandColours)];
    QCPGraph* g = addPoints(rect, centre, band.rate, band.error, colour);
    g->setName(band.name);
    bandGraphs_.push_back(g);
    QCPGraph* bg = nullptr;
    const timing::LightCurveBand& bkg = set.backgrounds[b];
    if (!bkg.start.empty()) {
      bg = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
      QVector<double> x, v;
      for (size_t i = 0; i < bkg.start.size(); ++i) {
        x << bkg.start[i] + 0.5 * bkg.width[i] - t0_;
        v << bkg.rate[i];
      }
      bg->setData(x, v, true);
      bg->setLineStyle(QCPGraph::lsStepCenter);
      bg->setPen(QPen(Qt::darkGray, 1, Qt::DashLine));
      bg->setName(tr("background"));
    }
    backgroundGraphs_.push_back(bg);
  }
  if (set.bands.size() > 1) {
    QCPAxisRect* rect = addRect(tr("HR\n(H-S)/(H+S)"));
    hardnessGraph_ = addPoints(rect, shown.hardness.time, shown.hardness.value,
                               shown.hardness.error, Qt::black);
    rect->axis(QCPAxis::atLeft)->setRange(-1.05, 1.05);
  }
  for (QCPAxisRect* rect : rects_) rect->axis(QCPAxis::atBottom)->setRange(lo, hi);
  // y ranges: the data and their error bars, a little margin.
  for (size_t b = 0; b < bandGraphs_.size(); ++b) {
    bool found = false;
    QCPRange r = bandGraphs_[b]->getValueRange(found);
    for (QCPAbstractPlottable* p : rects_[b]->plottables()) {
      bool f = false;
      const QCPRange pr = p->getValueRange(f);
      if (f) r.expand(pr);
    }
    if (found) rects_[b]->axis(QCPAxis::atLeft)->setRange(std::min(0.0, r.lower), r.upper * 1.08);
  }
  if (!rects_.empty()) {
    QCPAxis* bottom = rects_.back()->axis(QCPAxis::atBottom);
    bottom->setTickLabels(true);
    bottom->setLabel(tr("Time − T0 (s)%1")
                         .arg(set.timeSystem.isEmpty() ? QString() : QStringLiteral(", ") + set.timeSystem));
  }
  // Gaps between GTIs, shaded in every panel.
  for (const auto& [start, stop] : gapsOf(set)) {
    for (QCPAxisRect* rect : rects_) {
      auto* r = new QCPItemRect(plot_);
      r->setClipAxisRect(rect);
      for (QCPItemPosition* p : {r->topLeft, r->bottomRight}) {
        p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        p->setAxisRect(rect);
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(QCPItemPosition::ptAxisRectRatio);
      }
      r->topLeft->setCoords(start - t0_, 0);
      r->bottomRight->setCoords(stop - t0_, 1);
      r->setPen(Qt::NoPen);
      r->setBrush(QColor(128, 128, 128, 70));
      r->setLayer(QStringLiteral("background"));
      gapRects_.push_back(r);
    }
  }
  linkAxes();
  plot_->replot();
}

void LightCurveView::linkAxes() {
  for (QCPAxisRect* rect : rects_) {
    QCPAxis* axis = rect->axis(QCPAxis::atBottom);
    connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this, axis](const QCPRange& range) {
              if (linking_) return;
              linking_ = true;
              for (QCPAxisRect* other : rects_)
                if (other->axis(QCPAxis::atBottom) != axis) other->axis(QCPAxis::atBottom)->setRange(range);
              linking_ = false;
              plot_->replot(QCustomPlot::rpQueuedReplot);
            });
  }
}

void LightCurveView::drawBlocks(const std::vector<std::vector<timing::Block>>& blocks) {
  for (QCPGraph* g : blockGraphs_) plot_->removeGraph(g);
  blockGraphs_.clear();
  int segments = 0;
  for (size_t b = 0; b < blocks.size() && b < bandGraphs_.size(); ++b) {
    if (blocks[b].empty()) continue;
    QCPGraph* g = plot_->addGraph(bandGraphs_[b]->keyAxis(), bandGraphs_[b]->valueAxis());
    QVector<double> x, y;
    for (const timing::Block& blk : blocks[b]) {
      x << blk.start - t0_;
      y << blk.rate();
    }
    x << blocks[b].back().stop - t0_;
    y << blocks[b].back().rate();
    g->setData(x, y, true);
    g->setLineStyle(QCPGraph::lsStepLeft);
    g->setPen(QPen(QColor(230, 120, 0), 2));
    g->setName(tr("Bayesian blocks"));
    blockGraphs_.push_back(g);
    segments += static_cast<int>(blocks[b].size());
  }
  plot_->replot();
  Q_EMIT message(tr("Bayesian blocks: %1 segments in %2 band(s)").arg(segments).arg(blockGraphs_.size()));
  Q_EMIT blocksShown(segments);
}

}  // namespace xsky::widgets
