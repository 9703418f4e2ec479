// The whole core in one include.
#pragma once
#include "samenleven/aggregate.h"
#include "samenleven/budget.h"
#include "samenleven/catalogue.h"
#include "samenleven/eligibility.h"
#include "samenleven/error.h"
#include "samenleven/finding.h"
#include "samenleven/format.h"
#include "samenleven/plan.h"
#include "samenleven/plan_json.h"
#include "samenleven/report_json.h"
#include "samenleven/results.h"
#include "samenleven/validation.h"
