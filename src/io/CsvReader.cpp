#include "io/CsvReader.h"
