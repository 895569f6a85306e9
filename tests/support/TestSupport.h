#pragma once
// Helpers shared by XSky's tests: where the real data lives, running the python oracle, and
// tolerance compares that print the difference.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTest>

namespace xsky::test {

/// Path of a file under ../shared/data; empty when that folder is absent.
QString sharedData(const QString& relative);
/// True when ../shared/data is present; tests QSKIP with a clear message otherwise.
bool haveSharedData();
/// Runs Debian's python3 (astropy/numpy/scipy) on a script with arguments; returns stdout.
/// Fails the current test (returns empty) when python exits non-zero.
QByteArray runPython(const QString& script, const QStringList& args, int timeoutMs = 120000);
/// Runs xsky-cli with arguments; returns exit code, fills stdout and stderr.
int runCli(const QStringList& args, QByteArray* out, QByteArray* err = nullptr,
           int timeoutMs = 600000);

}  // namespace xsky::test

/// Compares two doubles within an absolute tolerance and prints both and the difference.
#define XSKY_COMPARE_NEAR(actual, expected, tolerance)                                       \
  do {                                                                                       \
    const double a_ = (actual), e_ = (expected), t_ = (tolerance);                           \
    if (!(std::abs(a_ - e_) <= t_)) {                                                        \
      QFAIL(qPrintable(QStringLiteral("%1 = %2, expected %3 (difference %4 > tolerance %5)") \
                           .arg(QStringLiteral(#actual))                                     \
                           .arg(a_, 0, 'g', 15)                                              \
                           .arg(e_, 0, 'g', 15)                                              \
                           .arg(a_ - e_, 0, 'g', 3)                                          \
                           .arg(t_, 0, 'g', 3)));                                            \
    }                                                                                        \
  } while (false)
