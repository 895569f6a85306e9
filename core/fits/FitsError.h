#pragma once
// Errors raised by the FITS layer: one line naming the file and what went wrong.

#include <stdexcept>
#include <string>

#include <QString>

namespace xsky {

/// Every failure of core I/O or parsing that the user must see. what() is one line of UTF-8.
class Error : public std::runtime_error {
 public:
  explicit Error(const QString& message) : std::runtime_error(message.toStdString()) {}
  QString message() const { return QString::fromUtf8(what()); }
};

namespace fits {

/// A CFITSIO call failed; the message names the file and CFITSIO's own status text.
class FitsError : public Error {
 public:
  FitsError(const QString& path, int status, const QString& doing);
  int status() const { return status_; }

 private:
  int status_;
};

}  // namespace fits
}  // namespace xsky
