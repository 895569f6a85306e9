// The libFuzzer entry points of one fuzz_<name> binary; XSKY_FUZZ_FUNCTION names its target
// (tests/fuzz/FuzzTargets.h). Built only with -DXSKY_FUZZ=ON (clang, -fsanitize=fuzzer,...).
#include <QCoreApplication>
#include <QLoggingCategory>

#include "FuzzTargets.h"

namespace {

// Parsers report what they skip through Qt's logging; at tens of thousands of inputs a second
// that is only noise. Fatal messages still abort.
void quietMessages(QtMsgType type, const QMessageLogContext&, const QString& message) {
  if (type == QtFatalMsg) xsky::fuzz::fuzzFailure("qFatal", message);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static int argc = 1;
  static char name[] = "xsky-fuzz";
  static char* argv[] = {name, nullptr};
  static QCoreApplication app(argc, argv);  // some Qt code wants an application object
  qInstallMessageHandler(quietMessages);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return xsky::fuzz::XSKY_FUZZ_FUNCTION(data, size);
}
