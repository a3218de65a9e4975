#pragma once

#include <QJsonObject>
#include <QStringList>

namespace pd {

class CliContext;
struct FxRatesUsed;

/// `fx import|list|convert`: the book's dated FX rates from the command line (issue 11 item 6; src/cli/FxCommand.cpp).
int runFxCommand(CliContext& context, const QStringList& args);

/// The `fx` object every converted figure carries in JSON: {"reporting_currency", "rates_used": {currency: [months]},
/// "left_out": {currency: {"deals", "months"}}, "left_out_deals", "sources", "note"}.
QJsonObject fxRatesJson(const FxRatesUsed& fx);

} // namespace pd
