package mcp

import (
	"context"
	"encoding/json"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/api"
	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/registry"
)

// The resources' addresses.
const (
	ProvincesURI      = "dvhc://provinces"
	ProvincesAtURI    = "dvhc://provinces/{date}"
	EventsURI         = "dvhc://events"
	provincesAtPrefix = "dvhc://provinces/"
	jsonMIME          = "application/json"
)

// Provinces is the content of the provinces resources: the API's answer to
// GET /v1/units?level=province.
type Provinces struct {
	api.UnitList
	Version
}

// Events is the content of the events resource: the legal acts that
// changed units, with their dates, as GET /v1/events gives them.
type Events struct {
	Events []wire.Event `json:"events"`
	Version
}

func (s *Server) addResources() {
	s.s.AddResource(&sdk.Resource{URI: ProvincesURI, Name: "provinces", Title: "Provinces in force today", MIMEType: jsonMIME,
		Description: "The provinces (and centrally-run cities) in force today, with codes, names, validity dates, area and population."},
		s.readProvinces)
	s.s.AddResourceTemplate(&sdk.ResourceTemplate{URITemplate: ProvincesAtURI, Name: "provinces-at", Title: "Provinces in force on a date", MIMEType: jsonMIME,
		Description: "The provinces in force on a date, YYYY-MM-DD: 63 on 2025-06-30, 34 from 2025-07-01."},
		s.readProvinces)
	s.s.AddResource(&sdk.Resource{URI: EventsURI, Name: "events", Title: "Legal events", MIMEType: jsonMIME,
		Description: "The resolutions that changed administrative units, with their adoption, effective and operative dates."},
		s.readEvents)
}

func (s *Server) readProvinces(ctx context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
	uri := req.Params.URI
	at := s.cfg.Today()
	if d, ok := strings.CutPrefix(uri, provincesAtPrefix); ok {
		var err error
		if at, err = dvhc.ParseDate(d); err != nil {
			return nil, sdk.ResourceNotFoundError(uri)
		}
	} else if uri != ProvincesURI {
		return nil, sdk.ResourceNotFoundError(uri)
	}
	us := s.reg.At(at, registry.Filter{Level: dvhc.LevelProvince})
	return jsonResource(uri, Provinces{UnitList: api.UnitList{At: at.String(), Count: len(us), Units: wire.Units(us)}, Version: Version{s.version}})
}

func (s *Server) readEvents(ctx context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
	return jsonResource(req.Params.URI, Events{Events: wire.NewEvents(s.reg), Version: Version{s.version}})
}

func jsonResource(uri string, v any) (*sdk.ReadResourceResult, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return &sdk.ReadResourceResult{Contents: []*sdk.ResourceContents{{URI: uri, MIMEType: jsonMIME, Text: string(b)}}}, nil
}
