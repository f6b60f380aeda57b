// Start GOV.UK Frontend's components; pages work without this, it only enhances them.
import { initAll } from '../vendor/govuk-frontend/govuk-frontend.min.js'

initAll()
