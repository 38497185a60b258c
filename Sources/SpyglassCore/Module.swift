// SpyglassCore
