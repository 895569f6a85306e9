// Grouping by minimum counts, minimum signal-to-noise and Kaastra & Bleeker's (2016) optimal
// binning: on hand-made channel lists, then on the Chandra 9774 spectrum of Sherpa's
// documentation (notice 0.3-7 keV, group to >= 20 counts inside it: 143 groups, 460 channels).

#include <QTest>
#include <cmath>

#include "TestSupport.h"
#include "spectral/Grouping.h"
#include "spectral/SpectralData.h"

using namespace xsky::spectral;

namespace {

GroupingScheme scheme(GroupingScheme::Kind kind, double minimum, bool drop = false) {
  GroupingScheme s;
  s.kind = kind;
  s.minimum = minimum;
  s.dropIncomplete = drop;
  return s;
}

/// Sizes of the groups (in channels) that a GROUPING vector describes.
std::vector<int> groupSizes(const std::vector<int>& grouping) {
  std::vector<int> sizes;
  for (int g : grouping) {
    if (g == 1 || sizes.empty()) sizes.push_back(0);
    ++sizes.back();
  }
  return sizes;
}

}  // namespace

class TestSpectralGrouping : public QObject {
  Q_OBJECT

 private slots:
  void parseSchemes() {
    QString why;
    auto s = parseGroupingScheme(QStringLiteral("min-counts=20"), &why);
    QVERIFY(s && s->kind == GroupingScheme::Kind::MinCounts && s->minimum == 20.0);
    s = parseGroupingScheme(QStringLiteral("min-snr=3.5"), &why);
    QVERIFY(s && s->kind == GroupingScheme::Kind::MinSnr && s->minimum == 3.5);
    s = parseGroupingScheme(QStringLiteral("optimal"), &why);
    QVERIFY(s && s->kind == GroupingScheme::Kind::Optimal);
    QVERIFY(!parseGroupingScheme(QStringLiteral("min-counts=-2"), &why));
    QVERIFY(!parseGroupingScheme(QStringLiteral("min-counts=abc"), &why));
    QVERIFY(!parseGroupingScheme(QStringLiteral("mincounts=20"), &why));
    QVERIFY(why.contains(QLatin1String("min-counts=N")));
  }

  void minCounts() {
    // Channels 0-1 outside the range, 2-10 grouped to >= 5 counts, channel 5 bad (its 9 counts
    // do not count), channel 11 outside again.
    const std::vector<double> counts = {7, 7, 2, 2, 1, 9, 3, 4, 1, 1, 2, 50};
    const std::vector<int> quality = {0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0};
    const std::vector<char> eligible = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
    GroupingInput in;
    in.counts = counts;
    in.quality = quality;
    in.eligible = eligible;
    auto r = groupChannels(scheme(GroupingScheme::Kind::MinCounts, 5), in);
    // Groups: {2,3,4} = 5; {5} bad, alone (no group open); {6,7} = 7; {8,9,10} = 4 < 5, kept
    // as Sherpa does.
    QCOMPARE(r.grouping, (std::vector<int>{1, 1, 1, -1, -1, 1, 1, -1, 1, -1, -1, 1}));
    QCOMPARE(r.dropped, std::vector<char>(12, 0));
    // A bad channel inside an open group continues it without adding counts.
    const std::vector<int> badInside = {0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0};
    in.quality = badInside;
    r = groupChannels(scheme(GroupingScheme::Kind::MinCounts, 5), in);
    QCOMPARE(r.grouping, (std::vector<int>{1, 1, 1, -1, -1, -1, 1, -1, 1, -1, -1, 1}));
    in.quality = quality;
    r = groupChannels(scheme(GroupingScheme::Kind::MinCounts, 5, true), in);
    QCOMPARE(r.dropped, (std::vector<char>{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0}));
  }

  void minSnr() {
    const std::vector<double> counts = {4, 5, 9, 16, 1, 2};
    const std::vector<int> quality(6, 0);
    GroupingInput in;
    in.counts = counts;
    in.quality = quality;
    // Without background S / sqrt(S) = sqrt(S) >= 3 means S >= 9: {4,5}, {9}, {16}, {1,2}.
    auto r = groupChannels(scheme(GroupingScheme::Kind::MinSnr, 3), in);
    QCOMPARE(groupSizes(r.grouping), (std::vector<int>{2, 1, 1, 2}));
    // With a scaled background of 1 count per channel (variance 0.25):
    // {4,5,9}: (18 - 3) / sqrt(18 + 0.75) = 3.46 >= 3 (while {4,5}: 7 / sqrt(9.5) = 2.27);
    // {16}: 15 / sqrt(16.25) = 3.72; {1,2}: 1 / sqrt(3.5): incomplete.
    const std::vector<double> background(6, 1.0), variance(6, 0.25);
    in.background = background;
    in.backgroundVariance = variance;
    r = groupChannels(scheme(GroupingScheme::Kind::MinSnr, 3), in);
    QCOMPARE(groupSizes(r.grouping), (std::vector<int>{3, 1, 2}));
  }

  void optimalWidth() {
    // Kaastra & Bleeker (2016): delta/FWHM = 1 for x = ln[N_r (1 + 0.2 ln R)] <= 2.119, else
    // (0.08 + 7/x + 1.8/x^2) / (1 + 5.9/x). Python: x = np.log(1000*(1+0.2*np.log(100)));
    // (0.08+7/x+1.8/x**2)/(1+5.9/x) = 0.582657107253.
    XSKY_COMPARE_NEAR(optimalBinWidthInFwhm(1000, 100), 0.582657107253, 1e-11);
    QCOMPARE(optimalBinWidthInFwhm(1, 100), 1.0);
    QCOMPARE(optimalBinWidthInFwhm(0, 100), 1.0);
    // Continuous at x = 2.119 and tending to 0.08 for many counts.
    XSKY_COMPARE_NEAR(optimalBinWidthInFwhm(std::exp(2.1191), 1), 1.0, 1e-4);
    double previous = 1.0;
    for (double counts : {10.0, 100.0, 1e4, 1e8, 1e300}) {
      const double width = optimalBinWidthInFwhm(counts, 1000);
      QVERIFY(width < previous && width > 0.08);
      previous = width;
    }
    QVERIFY(previous < 0.09);
  }

  void optimalUniform() {
    // 400 channels, FWHM 10 channels everywhere (R = 40): with 1 count per channel a resolution
    // element (11 channels) holds N_r = 11, x = ln(11 (1 + 0.2 ln 40)) = 2.9505, delta = 0.8865
    // FWHM = 8.865 channels: groups of 8 away from the ends. With 100 counts per channel
    // delta = 0.5829 FWHM (python as above with 1100 and 40): groups of 5.
    const std::vector<int> quality(400, 0);
    const std::vector<double> fwhm(400, 10.0);
    for (const auto& [perChannel, size] : {std::pair{1.0, 8}, std::pair{100.0, 5}}) {
      const std::vector<double> counts(400, perChannel);
      GroupingInput in;
      in.counts = counts;
      in.quality = quality;
      in.fwhmChannels = fwhm;
      const auto r = groupChannels(scheme(GroupingScheme::Kind::Optimal, 0), in);
      const auto sizes = groupSizes(r.grouping);
      QVERIFY(sizes.size() > 20);
      for (size_t g = 3; g + 3 < sizes.size(); ++g) QCOMPARE(sizes[g], size);
    }
  }

  void chandra9774() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
    QStringList warnings;
    auto d = SpectralData::load(
        xsky::test::sharedData(QStringLiteral("spectra/chandra_9774/9774.pi")), {}, &warnings);
    d.setGrouped(false);
    d.noticeEnergy(0.3, 7.0);
    QCOMPARE(d.noticedCount(), 460);
    d.group(scheme(GroupingScheme::Kind::MinCounts, 20));
    QCOMPARE(d.noticedCount(), 143);
    // Every noticed group but the last has >= 20 counts; the last has 16 (31 channels).
    std::vector<const ChannelGroup*> noticed;
    for (size_t g = 0; g < d.groups().size(); ++g) {
      if (d.noticed()[g]) noticed.push_back(&d.groups()[g]);
    }
    int channels = 0;
    for (size_t g = 0; g < noticed.size(); ++g) {
      double sum = 0.0;
      for (int i : noticed[g]->channels) sum += d.source().counts[size_t(i)];
      channels += int(noticed[g]->channels.size());
      if (g + 1 < noticed.size()) {
        QVERIFY(sum >= 20.0);
      } else {
        QCOMPARE(sum, 16.0);
      }
    }
    QCOMPARE(channels, 460);
    QVERIFY(noticed.front()->emax > 0.3 && noticed.back()->emin < 7.0);

    // grppha/XSPEC style: the incomplete last group is left out.
    d.setGrouped(false);
    d.noticeEnergy(0.3, 7.0);
    d.group(scheme(GroupingScheme::Kind::MinCounts, 20, true));
    QCOMPARE(d.noticedCount(), 142);

    // Without a filter the whole spectrum is grouped and noticed.
    d.setGrouped(false);
    d.group(scheme(GroupingScheme::Kind::MinCounts, 20));
    QCOMPARE(d.noticedCount(), int(d.groups().size()));
  }

  void chandra9774Optimal() {
    if (!xsky::test::haveSharedData()) QSKIP("../shared/data is absent");
    QStringList warnings;
    auto d = SpectralData::load(
        xsky::test::sharedData(QStringLiteral("spectra/chandra_9774/9774.pi")), {}, &warnings);
    // ACIS resolution from the RMF (python: the FWHM of the matrix rows at 1.5 and 6 keV,
    // half-maximum points linearly interpolated, 7.13 and 10.68 channels of 14.6 eV).
    const auto fwhm = rmfFwhmChannels(*d.rmf());
    XSKY_COMPARE_NEAR(fwhm[102], 7.13, 0.4);
    XSKY_COMPARE_NEAR(fwhm[412], 10.68, 0.5);
    d.setGrouped(false);
    d.noticeEnergy(0.3, 7.0);
    d.group(scheme(GroupingScheme::Kind::Optimal, 0));
    // With ~10 counts per resolution element at most, the optimal width is about one FWHM:
    // about 460 / 8 groups, each no wider than its local FWHM.
    const int n = d.noticedCount();
    QVERIFY2(n > 40 && n < 90, qPrintable(QString::number(n)));
    for (size_t g = 0; g < d.groups().size(); ++g) {
      if (!d.noticed()[g]) continue;
      const auto& group = d.groups()[g];
      const int width = group.lastIndex - group.firstIndex + 1;
      QVERIFY(width <= int(std::ceil(fwhm[size_t(group.firstIndex)])) + 1);
    }
  }
};

QTEST_GUILESS_MAIN(TestSpectralGrouping)
#include "tst_spectral_grouping.moc"
