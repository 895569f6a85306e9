#pragma once
// Writing a file so that it either appears whole or not at all: write to a temporary name in the
// same folder (e.g. with CFITSIO), then commit() flushes it to disk and renames it over the
// target. Destroyed without commit() (an error, a cancelled task), it removes the temporary file.

#include <QString>

namespace xsky {

class AtomicFile {
 public:
  explicit AtomicFile(const QString& target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const QString& target() const { return target_; }
  /// Where to write (does not exist yet).
  const QString& temporaryPath() const { return temporary_; }
  /// fsync and rename over the target. Throws xsky::Error naming the target on failure.
  void commit();
  bool committed() const { return committed_; }

 private:
  QString target_;
  QString temporary_;
  bool committed_ = false;
};

}  // namespace xsky
