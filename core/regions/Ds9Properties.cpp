#include "regions/Ds9Properties.h"

#include "regions/Ds9Values.h"

namespace xsky::regions::ds9 {

namespace {

bool flag(const Property& p, bool fallback) {
  if (p.values.isEmpty()) return fallback;
  bool ok = false;
  const int v = p.values.front().toInt(&ok);
  return ok ? v != 0 : fallback;
}

int integer(const Property& p, int index, int fallback) {
  if (p.values.size() <= index) return fallback;
  bool ok = false;
  const int v = p.values[index].toInt(&ok);
  return ok ? v : fallback;
}

void addComment(RegionStyle* style, const QString& words) {
  if (words.isEmpty()) return;
  if (!style->comment.isEmpty()) style->comment += QLatin1Char(' ');
  style->comment += words;
}

}  // namespace

void applyProperties(const std::vector<Property>& properties, RegionStyle* s, bool* include,
                     Role* role, ShapeProperties* shape, bool comments) {
  for (const Property& p : properties) {
    const QString& k = p.key;
    const QString first = p.values.isEmpty() ? QString() : p.values.front();
    if (k.isEmpty()) {
      const QString word = first.toLower();
      if (word == QLatin1String("background")) {
        *role = Role::Background;
      } else if (word == QLatin1String("source")) {
        *role = Role::Source;
      } else if (comments) {
        addComment(s, first);
      }
      continue;
    }
    if (k == QLatin1String("color")) s->color = unquote(first);
    else if (k == QLatin1String("dashlist")) {
      s->dashLength = integer(p, 0, s->dashLength);
      s->dashGap = integer(p, 1, s->dashGap);
    } else if (k == QLatin1String("width")) s->width = integer(p, 0, s->width);
    else if (k == QLatin1String("font")) s->font = unquote(first);
    else if (k == QLatin1String("text")) s->text = unquote(first);
    else if (k == QLatin1String("tag")) s->tags << unquote(first);
    else if (k == QLatin1String("select")) s->select = flag(p, s->select);
    else if (k == QLatin1String("highlite")) s->highlite = flag(p, s->highlite);
    else if (k == QLatin1String("dash")) s->dash = flag(p, s->dash);
    else if (k == QLatin1String("fill")) s->fill = flag(p, s->fill);
    else if (k == QLatin1String("fixed")) s->fixed = flag(p, s->fixed);
    else if (k == QLatin1String("edit")) s->edit = flag(p, s->edit);
    else if (k == QLatin1String("move")) s->move = flag(p, s->move);
    else if (k == QLatin1String("rotate")) s->rotate = flag(p, s->rotate);
    else if (k == QLatin1String("delete")) s->deletable = flag(p, s->deletable);
    else if (k == QLatin1String("include")) *include = flag(p, *include);
    else if (k == QLatin1String("source")) *role = flag(p, true) ? Role::Source : Role::Background;
    else if (k == QLatin1String("background")) *role = flag(p, true) ? Role::Background : Role::Source;
    else if (k == QLatin1String("point")) {
      s->pointType = first;
      s->pointSize = integer(p, 1, s->pointSize);
      if (shape != nullptr) shape->pointType = first;
    } else if (k == QLatin1String("line")) {
      s->lineArrowStart = integer(p, 0, 0) != 0;
      s->lineArrowEnd = integer(p, 1, 0) != 0;
    } else if (k == QLatin1String("vector")) s->vectorArrow = flag(p, s->vectorArrow);
    else if (k == QLatin1String("textangle")) s->textAngle = parseAngleToken(first).value_or(s->textAngle);
    else if (k == QLatin1String("textrotate")) s->textRotate = flag(p, s->textRotate);
    else if (k == QLatin1String("ruler")) s->ruler = p.values.join(QLatin1Char(' '));
    else if (k == QLatin1String("format")) s->rulerFormat = unquote(first);
    else if (k == QLatin1String("compass")) s->compass = p.values.join(QLatin1Char(' '));
    else if (k == QLatin1String("composite")) s->compositeGlobal = integer(p, 0, s->compositeGlobal);
    else if (k == QLatin1String("panda") || k == QLatin1String("epanda") || k == QLatin1String("bpanda")) {
      if (shape == nullptr) continue;
      if (first.compare(QLatin1String("ignore"), Qt::CaseInsensitive) == 0) {
        shape->pandaIgnore = true;
      } else {
        shape->pandaGroups = p.values;
      }
    } else if (comments) {
      addComment(s, k + QLatin1Char('=') + p.values.join(QLatin1Char(' ')));
    }
  }
}

}  // namespace xsky::regions::ds9
