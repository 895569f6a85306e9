#include "sim/DemoSky.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <system_error>
#include <vector>

#include "products/ResponseWriter.h"
#include "sim/DemoCatalogue.h"
#include "sim/EventSimulator.h"
#include "sim/EventWriter.h"
#include "sim/TruthJson.h"

namespace xsky::sim {

namespace {

constexpr std::size_t kChunkRows = 1 << 20;
constexpr long long kMaxEvents = 100'000'000;
constexpr std::uint64_t kPilotStream = 1000;  // the rate-scale pilot's random stream

// Files written under temporary names and renamed together on success; removed (with the
// directories this run created, when left empty) otherwise.
class StagedFiles {
 public:
  explicit StagedFiles(QDir root) : root_(std::move(root)) {}
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;
  ~StagedFiles() {
    if (committed_) return;
    for (const QString& f : files_) QFile::remove(f + QStringLiteral(".part"));
    for (auto it = createdDirs_.rbegin(); it != createdDirs_.rend(); ++it) QDir().rmdir(*it);
  }

  void makeDir(const QString& relative) {
    QStringList chain;
    for (QString d = root_.absoluteFilePath(relative); !QFileInfo::exists(d);
         d = QFileInfo(d).absolutePath()) {
      chain.prepend(d);
    }
    for (const QString& d : chain) {
      if (!QDir().mkdir(d)) throw Error(QStringLiteral("cannot create the directory %1").arg(d));
      createdDirs_.push_back(d);
    }
  }
  /// Registers a file (path relative to the root); returns the temporary name to write.
  QString add(const QString& relative) {
    files_.push_back(root_.absoluteFilePath(relative));
    return files_.back() + QStringLiteral(".part");
  }
  void commit() {
    for (const QString& f : files_) {
      std::error_code ec;
      std::filesystem::rename(QFile::encodeName(f + QStringLiteral(".part")).toStdString(),
                              QFile::encodeName(f).toStdString(), ec);
      if (ec) {
        throw Error(QStringLiteral("cannot rename %1.part to its final name: %2")
                        .arg(f, QString::fromStdString(ec.message())));
      }
    }
    committed_ = true;
  }
  const QStringList& files() const { return files_; }

 private:
  QDir root_;
  QStringList files_;
  std::vector<QString> createdDirs_;
  bool committed_ = false;
};

// Rate scale that gives the list about `target` events: a pilot run at a known scale counts how
// many candidates survive the gaps, GTIs and thinning.
double scaleForTarget(const FieldModel& field, const Observation& o, quint64 seed,
                      long long target) {
  const double pilotScale = std::clamp(static_cast<double>(target) / 5e4, 1.0, 20.0);
  const EventListModel pilot(field, o, Camera::Pn, pilotScale);
  Rng rng(Rng::streamSeed(seed, kPilotStream));
  const long long n = EventSimulator(pilot).run(rng, kChunkRows, [](const EventChunk&) {});
  if (n <= 0) throw Error(QStringLiteral("the demo sky's pilot run produced no events"));
  return pilotScale * static_cast<double>(target) / static_cast<double>(n);
}

void writeResponses(StagedFiles& staged) {
  for (Camera c : kAllCameras) {
    const AnalyticResponse response(c);
    products::ResponseHeader h;
    h.telescope = QStringLiteral("XMM");
    h.instrument = instrumentName(c);
    h.filter = QStringLiteral("Thin1");
    h.creator = QStringLiteral("xsky-sim");
    h.comments = {
        QStringLiteral("Analytic EPIC-like response of the XSky demo sky (not a real "
                       "calibration); its formulas are in truth.json.")};
    const QString key = cameraKey(c);
    products::writeRmf(staged.add(QStringLiteral("responses/%1.rmf").arg(key)), h,
                       response.matrix());
    products::writeArf(staged.add(QStringLiteral("responses/%1.arf").arg(key)), h,
                       response.energyGrid(), response.arf());
  }
}

struct PlannedList {
  std::unique_ptr<EventListModel> model;
  double weight = 1;  // share of the work, for progress
};

// Every (observation, camera) list, the first pn list rescaled when options ask for it.
std::vector<PlannedList> planLists(const SimulationOptions& options, const ProgressFn& progress) {
  const FieldModel& field = demoField();
  std::vector<PlannedList> lists;
  for (std::size_t i = 0; i < field.observations.size(); ++i) {
    const Observation& o = field.observations[i];
    for (Camera c : kAllCameras) {
      PlannedList list;
      double scale = 1.0;
      if (i == 0 && c == Camera::Pn && options.eventsOverride > 0) {
        reportProgress(progress, 0.02, QStringLiteral("calibrating the event count"));
        scale = scaleForTarget(field, o, options.seed, options.eventsOverride);
        list.weight = std::max(1.0, static_cast<double>(options.eventsOverride) / 5e4);
      }
      list.model = std::make_unique<EventListModel>(field, o, c, scale);
      lists.push_back(std::move(list));
    }
  }
  return lists;
}

// Simulates and writes one list (random stream `stream`); returns its event count.
long long writeList(const EventListModel& m, const QString& tempPath, quint64 seed,
                    std::uint64_t stream, const EventSimulator::Progress& progress) {
  EventWriter writer(tempPath, m);
  Rng rng(Rng::streamSeed(seed, stream));
  const long long events = EventSimulator(m).run(
      rng, kChunkRows, [&writer](const EventChunk& c) { writer.append(c); }, progress);
  writer.finish();
  return events;
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size() ||
      !f.flush()) {
    throw Error(QStringLiteral("cannot write %1: %2").arg(f.fileName(), f.errorString()));
  }
}

}  // namespace

SimulationResult simulateDemoSky(const QString& dir, const SimulationOptions& options,
                                 const ProgressFn& progress) {
  if (options.eventsOverride < 0 || options.eventsOverride > kMaxEvents) {
    throw Error(QStringLiteral("the event count must be between 1 and 1e8 (got %1)")
                    .arg(options.eventsOverride));
  }
  if (dir.isEmpty()) throw Error(QStringLiteral("no output directory given"));
  const QDir root(QFileInfo(dir).absoluteFilePath());
  StagedFiles staged(root);
  staged.makeDir(QStringLiteral("responses"));
  reportProgress(progress, 0.0, QStringLiteral("writing responses"));
  writeResponses(staged);

  const std::vector<PlannedList> lists = planLists(options, progress);
  double totalWeight = 0, done = 0;
  for (const PlannedList& l : lists) totalWeight += l.weight;
  std::vector<ListRecord> records;
  SimulationResult result;
  for (std::size_t k = 0; k < lists.size(); ++k) {
    const EventListModel& m = *lists[k].model;
    const QString obsId = m.observation().obsId, cam = cameraKey(m.camera());
    const QString relative = QStringLiteral("%1/%2_events.fits").arg(obsId, cam);
    const QString stage = QStringLiteral("simulating %1 %2").arg(obsId, cam);
    const double weight = lists[k].weight;
    staged.makeDir(obsId);
    const long long events = writeList(m, staged.add(relative), options.seed, k, [&](double f) {
      reportProgress(progress, 0.05 + 0.9 * (done + f * weight) / totalWeight, stage);
    });
    records.push_back({&m, relative, events});
    result.totalEvents += events;
    done += weight;
  }

  staged.makeDir(QStringLiteral("catalogue"));
  writeDemoCatalogue(staged.add(QStringLiteral("catalogue/xsky_demo_4xmm.fits")), demoField(), options.seed);
  reportProgress(progress, 0.96, QStringLiteral("writing truth.json"));
  writeFile(staged.add(QStringLiteral("truth.json")),
            truthJson(demoField(), options.seed, options.eventsOverride, records));
  reportProgress(progress, 0.99, QStringLiteral("finishing"));
  staged.commit();
  result.files = staged.files();
  result.truthPath = root.absoluteFilePath(QStringLiteral("truth.json"));
  if (progress) progress(1.0, QStringLiteral("done"));  // too late to cancel: files are in place
  return result;
}

}  // namespace xsky::sim
