#pragma once
// The lexical layer of DS9 (and CIAO) region files, shared by the readers:
//  - statements end at a newline or at ';' outside {}, "", '' and ();
//  - '"' and '\'' open a quoted string only at the start of a value (after '=', '(', ',' or a
//    blank); after a digit they are the arcsec/arcmin unit suffixes;
//  - {...} ends at the first '}' (DS9 and astropy-regions read "{A, {B}, C}" as "A, {B");
//  - properties after '#' are "key=value" items (some values span several words) or bare words
//    (background, source, and free comment text).

#include <vector>

#include <QString>
#include <QStringList>

namespace xsky::regions::ds9 {

struct Statement {
  int line = 0;  // 1-based line of the file where it starts
  QString text;  // trimmed
};

/// Splits a whole file into statements.
std::vector<Statement> splitStatements(const QString& text);

/// Splits shape arguments on commas and blanks, keeping {..}, ".." and '..' groups whole (with
/// their delimiters) and "n=4" as one token.
QStringList tokenizeArguments(const QString& text);

/// Removes the delimiters of a {..}, ".." or '..' group; other text is returned as is.
QString unquote(const QString& token);

/// One property: key (lower case) and its value words; key empty for a bare word.
struct Property {
  QString key;
  QStringList values;
};

/// Scans the text after '#' (or a "global" line) into properties, in order.
std::vector<Property> scanProperties(const QString& text);

/// Index just past the group starting at text[i] ({..}, "..", '..' or (..)), or text.size().
qsizetype skipGroup(const QString& text, qsizetype i);

}  // namespace xsky::regions::ds9
